package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Against real PostgreSQL: every projection processor's transaction runs on the processors' pool, whose sessions
 * commit asynchronously and plan each statement once; any other transaction runs on the reads pool, whose sessions
 * keep the server's settings. The event store's tail reader reads on a processors' session.
 */
@QuerySideIntegrationTest
class ReadModelCommitsIT {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate plainTransaction;
    @Autowired
    EmbeddedEventStore eventStore;

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
            assertThat(planCacheMode()).as("inside the projection's transaction").isEqualTo("force_generic_plan");
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            plainTransaction.executeWithoutResult(status -> {
                assertThat(synchronousCommit()).as("a later transaction of the same thread").doesNotEndWith("session");
                assertThat(planCacheMode()).as("a later transaction of the same thread").isEqualTo("auto");
            });
        }
        assertThat(synchronousCommit()).as("outside any transaction").doesNotEndWith("session");
        assertThat(planCacheMode()).as("outside any transaction").isEqualTo("auto");
    }

    @Test
    void the_event_stores_tail_reader_reads_on_a_processors_session() throws InterruptedException {
        // The threads Axon's event store runs its tail reader on, as it was built.
        ThreadFactory threads = (ThreadFactory) ReflectionTestUtils.getField(eventStore, "threadFactory");
        AtomicReference<String> session = new AtomicReference<>();
        Thread reader = threads.newThread(() -> session.set(jdbc.queryForObject(
                "SELECT current_setting('application_name') || ', ' || current_setting('plan_cache_mode')",
                String.class)));
        reader.start();
        reader.join(10_000);
        assertThat(session.get()).endsWith(" processors, force_generic_plan");
    }

    private String planCacheMode() {
        return jdbc.queryForObject("SELECT current_setting('plan_cache_mode')", String.class);
    }

    private String synchronousCommit() {
        return jdbc.queryForObject("SELECT setting || ' ' || source FROM pg_settings WHERE name = 'synchronous_commit'",
                String.class);
    }
}
