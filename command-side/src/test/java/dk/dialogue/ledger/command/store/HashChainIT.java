package dk.dialogue.ledger.command.store;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Every event Axon appends is chained by the database to its thread's previous event. */
@CommandSideIntegrationTest
class HashChainIT {

    private static final String UNCHAINED = """
            SELECT count(*) FROM domain_event_entry e
              LEFT JOIN domain_event_entry p
                ON p.aggregate_identifier = e.aggregate_identifier AND p.sequence_number = e.sequence_number - 1
             WHERE e.event_hash IS DISTINCT FROM
                   ledger_event_hash(coalesce(p.event_hash, decode(repeat('00', 32), 'hex')), e)
                OR (e.sequence_number > 0 AND p.event_hash IS NULL)""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void events_appended_through_the_api_carry_a_hash_chained_to_their_predecessor() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation("chained " + System.nanoTime())).json()
                .get("threadId").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(clerk.post("/api/threads/" + threadId + "/letters", letter("reply " + i)).status()).isEqualTo(200);
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, threadId)).isEqualTo(4);
        assertThat(jdbc.queryForObject(UNCHAINED, Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT length(event_hash) FROM domain_event_entry", Integer.class))
                .containsExactly(32);
    }

    @Test
    void fields_left_empty_are_hashed_as_the_verification_encodes_them() {
        // Axon never leaves them empty, but the columns allow it; rolled back so that no such event stays.
        transactions.executeWithoutResult(status -> {
            String thread = "bare-" + System.nanoTime();
            for (int sequence = 0; sequence < 2; sequence++) {
                jdbc.update("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                            time_stamp, payload_type, payload) VALUES (gen_random_uuid()::text, ?, ?,
                            '2026-12-06T00:00:00Z', 'x', '\\x7b7d')""", thread, sequence);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND type IS NULL AND payload_revision IS NULL AND meta_data IS NULL", Long.class, thread))
                    .isEqualTo(2);
            assertThat(jdbc.queryForObject(UNCHAINED, Long.class)).isZero();
            status.setRollbackOnly();
        });
    }

    @Test
    void an_event_without_its_predecessor_cannot_be_appended() {
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload) VALUES (gen_random_uuid()::text, 'no-such-thread', 5,
                    'DialogueThread', '2026-11-25T00:00:00Z', 'x', '\\x7b7d')"""))
                .rootCause().hasMessageContaining("no predecessor");
    }

    @Test
    void a_transaction_cannot_append_to_a_thread_after_events_of_a_younger_transaction() throws SQLException {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        try (Connection older = dataSource.getConnection()) {
            older.setAutoCommit(false);
            try (Statement statement = older.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            // Created by a transaction that starts and commits while the older one is open, so its id is younger.
            String threadId = clerk.post("/api/threads", invitation("commit order " + System.nanoTime())).json()
                    .get("threadId").asText();
            try (PreparedStatement append = older.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload) VALUES (gen_random_uuid()::text, ?, 1, 'DialogueThread',
                        '2026-12-07T00:00:00Z', 'x', '\\x7b7d')""")) {
                append.setString(1, threadId);
                assertThatThrownBy(append::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("would precede its predecessor in commit order")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
            } finally {
                older.rollback();
            }
            assertThat(clerk.post("/api/threads/" + threadId + "/letters", letter("a reply in a younger transaction"))
                    .status()).as("a later transaction appends").isEqualTo(200);
        }
    }
}
