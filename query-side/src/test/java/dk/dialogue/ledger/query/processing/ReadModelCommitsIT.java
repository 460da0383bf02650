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
 * Against real PostgreSQL: every projection processor's transaction runs on the processors' pool, whose sessions
 * commit asynchronously; any other transaction runs on the reads pool, whose sessions keep the server's setting.
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
    void a_projection_transaction_commits_asynchronously_and_other_transactions_as_the_server_says() {
        TransactionManager commits = processing.transactionManager("thread-status");
        for (boolean commit : List.of(true, false)) {
            Transaction transaction = commits.startTransaction();
            // Set by the processors' pool for its sessions, not the test server's default (which is off too).
            assertThat(synchronousCommit()).as("inside the projection's transaction").isEqualTo("off session");
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            plainTransaction.executeWithoutResult(status -> assertThat(synchronousCommit())
                    .as("a later transaction of the same thread").doesNotEndWith("session"));
        }
        assertThat(synchronousCommit()).as("outside any transaction").doesNotEndWith("session");
    }

    private String synchronousCommit() {
        return jdbc.queryForObject("SELECT setting || ' ' || source FROM pg_settings WHERE name = 'synchronous_commit'",
                String.class);
    }
}
