package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Asynchronous projection commits are the default; {@code ledger.processing.durable-commits=true} turns them off. */
class ReadModelCommitsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(TransactionManager.class, () -> mock(TransactionManager.class))
            .withBean(DataSource.class, () -> mock(DataSource.class))
            .withUserConfiguration(ReadModelCommitsConfiguration.class);

    @Test
    void projections_commit_asynchronously_by_default() {
        context.run(started -> assertThat(started).hasSingleBean(ConfigurerModule.class));
        context.withPropertyValues("ledger.processing.durable-commits=false")
                .run(started -> assertThat(started).hasSingleBean(ConfigurerModule.class));
    }

    @Test
    void durable_commits_leave_the_processors_with_the_ordinary_transactions() {
        context.withPropertyValues("ledger.processing.durable-commits=true")
                .run(started -> assertThat(started).doesNotHaveBean(ConfigurerModule.class));
    }
}
