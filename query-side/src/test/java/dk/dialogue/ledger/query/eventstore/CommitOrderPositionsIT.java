package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The positions processors and rebuilds start from: the newest event, and the first event recorded from a given
 * time. Both are read along the commit-order index; sorting the history for them took seconds at 10,000,000 events.
 */
@QuerySideIntegrationTest
class CommitOrderPositionsIT {

    private static final String TABLE = "public.domain_event_entry";

    @Autowired
    CommitOrderEventStorageEngine events;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * The head counts only events no transaction still in progress could precede (below the snapshot's xmin, which
     * is the whole server's): on a shared server another session's transaction can hold it back for a moment, so the
     * newest event becomes the head once that has ended, and never a different one.
     */
    @Test
    void the_head_is_the_newest_committed_event_in_commit_order_once_no_older_transaction_is_in_progress() {
        new EventStoreWriter(dataSource).append(Courses.visit(UUID.randomUUID().toString(), null));

        CommitOrderToken newest = jdbc.queryForObject("SELECT tx_id::text::bigint, global_index FROM " + TABLE
                        + " ORDER BY tx_id DESC, global_index DESC LIMIT 1",
                (rs, row) -> new CommitOrderToken(rs.getLong(1), rs.getLong(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.createHeadToken())
                .isEqualTo(newest));
    }

    @Test
    void the_head_and_the_first_event_from_a_time_are_read_along_the_commit_order_index_without_sorting()
            throws Exception {
        new EventStoreWriter(dataSource).append(Courses.visit(UUID.randomUUID().toString(), null));

        // With sorting priced out, a plan that still sorts has no other way to order the rows.
        for (List<String> plan : List.of(plan(CommitOrderEventStorageEngine.headQuery(TABLE), null),
                plan(CommitOrderEventStorageEngine.firstAtQuery(TABLE), Instant.EPOCH.toString()))) {
            assertThat(plan).anyMatch(line -> line.contains("domain_event_entry_commit_order"))
                    .noneMatch(line -> line.contains("Sort"));
        }
    }

    /** {@code EXPLAIN}'s lines for the query, in a session that prices sorting out. */
    private List<String> plan(String query, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_sort = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query)) {
                if (parameter != null) {
                    explain.setString(1, parameter);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET enable_sort");
                }
            }
        }
    }
}
