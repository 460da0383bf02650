package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.rebuild.Rebuildable;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The live timeline read model, the projection that keeps it, and how to rebuild it. */
@Configuration(proxyBeanMethods = false)
public class TimelineConfiguration {

    @Bean
    public TimelineRepository timelineRepository(NamedParameterJdbcTemplate jdbc) {
        return new TimelineRepository(jdbc, TimelineTables.LIVE);
    }

    @Bean
    public TimelineProjection timelineProjection(TimelineRepository repository, ReadModelChanges changes,
                                                 Savepoints savepoints) {
        return new TimelineProjection(repository, changes, savepoints);
    }

    @Bean
    public Rebuildable timelineRebuild(NamedParameterJdbcTemplate jdbc, Savepoints savepoints) {
        return new Rebuildable(TimelineProjection.GROUP, List.of(TimelineTables.LIVE.entries()),
                suffix -> new TimelineProjection(new TimelineRepository(jdbc, TimelineTables.LIVE.withSuffix(suffix)),
                        ReadModelChanges.silent(), savepoints)::project);
    }
}
