package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.rebuild.Rebuildable;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The live meeting calendar, the projection that keeps it, and how to rebuild it. */
@Configuration(proxyBeanMethods = false)
public class MeetingConfiguration {

    @Bean
    public MeetingRepository meetingRepository(NamedParameterJdbcTemplate jdbc) {
        return new MeetingRepository(jdbc, MeetingTables.LIVE);
    }

    @Bean
    public MeetingProjection meetingProjection(MeetingRepository repository, ReadModelChanges changes,
                                               Savepoints savepoints) {
        return new MeetingProjection(repository, changes, savepoints);
    }

    @Bean
    public Rebuildable meetingRebuild(NamedParameterJdbcTemplate jdbc, Savepoints savepoints) {
        return new Rebuildable(MeetingProjection.GROUP, List.of(MeetingTables.LIVE.meetings(),
                MeetingTables.LIVE.threads()), suffix -> new MeetingProjection(new MeetingRepository(jdbc,
                MeetingTables.LIVE.withSuffix(suffix)), ReadModelChanges.silent(), savepoints)::project);
    }
}
