package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Against real PostgreSQL: every projection processor commits asynchronously, for its own transaction only;
 * the connection goes back to the pool as durable as it came, whether the batch committed or rolled back.
 */
@QuerySideIntegrationTest
class ReadModelCommitsIT {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate plainTransaction;

    @Test
    void every_projection_processor_commits_without_waiting_for_the_disk() {
        for (String group : List.of("thread-status", "timeline", "meetings", "feed")) {
            assertThat(processing.eventProcessor(group)).as(group).isPresent();
            assertThat(processing.transactionManager(group)).as(group).isInstanceOf(ReadModelCommits.class);
        }
    }

    @Test
    void a_projection_transaction_is_asynchronous_and_leaves_the_setting_of_later_transactions_alone() {
        TransactionManager commits = processing.transactionManager("thread-status");
        for (boolean commit : List.of(true, false)) {
            // The test database runs without synchronous commits (zonky's default); the product's and a server's
            // connections start with them on, which is what must come back after the projection's transaction.
            jdbc.execute("SET synchronous_commit TO ON");
            Transaction transaction = commits.startTransaction();
            assertThat(synchronousCommit()).as("inside the projection's transaction").isEqualTo("off");
            Integer backend = backend();
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            plainTransaction.executeWithoutResult(status -> {
                assertThat(backend()).as("the pool hands this thread the same connection again").isEqualTo(backend);
                assertThat(synchronousCommit())
                        .as("after a projection transaction that " + (commit ? "committed" : "rolled back"))
                        .isEqualTo("on");
            });
        }
        jdbc.execute("RESET synchronous_commit");
    }

    private Integer backend() {
        return jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
    }

    private String synchronousCommit() {
        return jdbc.queryForObject("SELECT current_setting('synchronous_commit')", String.class);
    }
}
