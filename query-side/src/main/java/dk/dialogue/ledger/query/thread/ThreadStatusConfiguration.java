package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.rebuild.Rebuildable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The live thread-status read model and the projection that keeps it. */
@Configuration(proxyBeanMethods = false)
public class ThreadStatusConfiguration {

    @Bean
    public ThreadStatusRepository threadStatusRepository(NamedParameterJdbcTemplate jdbc) {
        return new ThreadStatusRepository(jdbc, ThreadStatusTables.LIVE);
    }

    @Bean
    public ThreadStatusProjection threadStatusProjection(ThreadStatusRepository repository, LetterTexts texts,
                                                         ReadModelChanges changes, Savepoints savepoints) {
        return new ThreadStatusProjection(repository, texts, changes, savepoints);
    }

    @Bean
    public Rebuildable threadStatusRebuild(NamedParameterJdbcTemplate jdbc, LetterTexts texts, Savepoints savepoints) {
        return new Rebuildable(ThreadStatusProjection.GROUP,
                ThreadStatusTables.LIVE.all(),
                suffix -> new ThreadStatusProjection(new ThreadStatusRepository(jdbc,
                        ThreadStatusTables.LIVE.withSuffix(suffix)), texts, ReadModelChanges.silent(), savepoints)::project);
    }
}
