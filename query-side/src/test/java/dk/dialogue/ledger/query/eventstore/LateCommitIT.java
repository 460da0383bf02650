package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's gap detection gives up on an event whose transaction commits more than its gap timeout (60 s by
 * default) after the event's timestamp, while later events are already visible (AxonFramework issue 4829).
 * Here an appending transaction stays open for longer than that; its event must still reach the projection.
 */
@QuerySideIntegrationTest
class LateCommitIT {

    private static final Duration AXON_DEFAULT_GAP_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_event_committed_after_the_gap_timeout_behind_later_events_still_reaches_the_projection() throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String slow = UUID.randomUUID().toString();
        String fast = UUID.randomUUID().toString();
        long slowIndex;
        try (Connection slowTransaction = dataSource.getConnection()) {
            slowTransaction.setAutoCommit(false);
            store.insert(slowTransaction, Courses.jobcamp(slow, null).get(0));
            slowIndex = globalIndexOf(slowTransaction, slow);

            store.append(Courses.visit(fast, null));
            long fastIndex = jdbc.queryForObject("SELECT min(global_index) FROM public.domain_event_entry "
                    + "WHERE aggregate_identifier = ?", Long.class, fast);
            assertThat(fastIndex).as("the later events got higher global indexes").isGreaterThan(slowIndex);

            Thread.sleep(AXON_DEFAULT_GAP_TIMEOUT.plusSeconds(5).toMillis());
            assertThat(version(slow)).isZero();
            slowTransaction.commit();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> version(slow) == 1 && version(fast) == 5);
        assertThat(jdbc.queryForObject("SELECT view::jsonb ->> 'status' FROM query.thread_status WHERE thread_id = ?",
                String.class, slow)).isEqualTo("DATE_PROPOSED");
    }

    private static long globalIndexOf(Connection connection, String thread) throws Exception {
        try (var statement = connection.prepareStatement(
                "SELECT global_index FROM public.domain_event_entry WHERE aggregate_identifier = ?")) {
            statement.setString(1, thread);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long version(String thread) {
        return jdbc.query("SELECT version FROM query.thread_status WHERE thread_id = ?", (rs, row) -> rs.getLong(1),
                thread).stream().findFirst().orElse(0L);
    }
}
