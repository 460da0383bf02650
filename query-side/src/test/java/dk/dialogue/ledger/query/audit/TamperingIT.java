package dk.dialogue.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tampers with the stored ledger directly in PostgreSQL — as a database superuser who switches the append-only
 * triggers off — at random places, many times, and checks that verification names the damage each time and
 * passes again once the rows are put back.
 */
@QuerySideIntegrationTest
class TamperingIT {

    private static final int ROUNDS = 60;
    private static final String EVENTS = "public.domain_event_entry";

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private TestRestTemplate auditor;

    enum Tampering {
        PAYLOAD_BYTE, METADATA_BYTE, TIME_STAMP, SWAPPED_PAYLOADS, SWAPPED_SEQUENCES, DELETED_EVENT, DELETED_FIRST_EVENT,
        DELETED_LAST_EVENT, DELETED_THREAD, FORGED_APPENDED_EVENT, CHANGED_AND_REHASHED, DIGEST_CHANGED, SEALED_HEAD_CHANGED
    }

    @Test
    void every_change_deletion_and_insertion_at_random_places_is_detected_and_pinned_on_the_right_thread()
            throws SQLException {
        auditor = http.withBasicAuth("auditor", "auditor");
        EventStoreWriter store = new EventStoreWriter(dataSource);
        List<ThreadEvent> history = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String thread = UUID.randomUUID().toString();
            threads.add(thread);
            history.addAll(switch (i % 3) {
                case 0 -> Courses.jobcamp(thread, null);
                case 1 -> Courses.visit(thread, null);
                default -> Courses.partnership(thread, null);
            });
        }
        store.append(history);
        long total = jdbc.queryForObject("SELECT count(*) FROM " + EVENTS, Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor.postForObject("/api/audit/digests", null,
                JsonNode.class).get("eventCount").asLong() == total);
        assertThat(verify(null).get("verified").asBoolean()).isTrue();
        backUp();

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<Tampering, Integer> detected = new EnumMap<>(Tampering.class);
        for (int round = 0; round < ROUNDS; round++) {
            Tampering kind = Tampering.values()[round < Tampering.values().length ? round
                    : random.nextInt(Tampering.values().length)];
            String thread = threads.get(random.nextInt(threads.size()));
            List<Long> positions = jdbc.queryForList("SELECT global_index FROM " + EVENTS
                    + " WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, thread);
            int n = 1 + random.nextInt(positions.size() - 2); // neither first nor last
            Expectation expected = tamper(kind, thread, positions, n, random);
            String context = kind + " on thread " + thread + " event " + n + " (seed " + seed + ", round " + round + ")";

            JsonNode report = verify(null);
            assertThat(report.get("verified").asBoolean()).as(context).isFalse();
            JsonNode first = report.get("firstProblem");
            assertThat(first.get("kind").asText()).as(context + ": " + first).isEqualTo(expected.kind());
            if (expected.thread() != null) {
                assertThat(first.get("threadId").asText()).as(context + ": " + first).isEqualTo(expected.thread());
            }
            if (expected.position() != null) {
                assertThat(first.get("position").asLong()).as(context + ": " + first).isEqualTo(expected.position());
            }
            detected.merge(kind, 1, Integer::sum);

            restore();
            assertThat(verify(null).get("verified").asBoolean()).as("after restoring " + context).isTrue();
        }
        assertThat(detected).as("every kind of tampering was tried").hasSize(Tampering.values().length);
    }

    private Expectation tamper(Tampering kind, String thread, List<Long> positions, int n, Random random)
            throws SQLException {
        long at = positions.get(n);
        long last = positions.get(positions.size() - 1);
        return switch (kind) {
            case PAYLOAD_BYTE -> {
                int offset = random.nextInt(jdbc.queryForObject("SELECT length(payload) FROM " + EVENTS
                        + " WHERE global_index = ?", Integer.class, at));
                asSuperuser("UPDATE " + EVENTS + " SET payload = set_byte(payload, " + offset + ", get_byte(payload, "
                        + offset + ") # 1) WHERE global_index = " + at);
                yield new Expectation("HASH_MISMATCH", thread, at);
            }
            case METADATA_BYTE -> {
                asSuperuser("UPDATE " + EVENTS + " SET meta_data = set_byte(meta_data, 2, get_byte(meta_data, 2) # 4)"
                        + " WHERE global_index = " + at);
                yield new Expectation("HASH_MISMATCH", thread, at);
            }
            case TIME_STAMP -> {
                asSuperuser("UPDATE " + EVENTS + " SET time_stamp = '2019-01-01T00:00:00Z' WHERE global_index = " + at);
                yield new Expectation("HASH_MISMATCH", thread, at);
            }
            case SWAPPED_PAYLOADS -> {
                long next = positions.get(n + 1);
                asSuperuser("UPDATE " + EVENTS + " e SET payload = o.payload FROM " + EVENTS + " o WHERE "
                        + "(e.global_index, o.global_index) IN ((" + at + ", " + next + "), (" + next + ", " + at + "))");
                yield new Expectation("HASH_MISMATCH", thread, at);
            }
            case SWAPPED_SEQUENCES -> {
                long next = positions.get(n + 1);
                asSuperuser("UPDATE " + EVENTS + " SET sequence_number = -1 WHERE global_index = " + at,
                        "UPDATE " + EVENTS + " SET sequence_number = " + n + " WHERE global_index = " + next,
                        "UPDATE " + EVENTS + " SET sequence_number = " + (n + 1) + " WHERE global_index = " + at);
                yield new Expectation("SEQUENCE_GAP", thread, at);
            }
            case DELETED_EVENT -> {
                asSuperuser("DELETE FROM " + EVENTS + " WHERE global_index = " + at);
                yield new Expectation("SEQUENCE_GAP", thread, positions.get(n + 1));
            }
            case DELETED_FIRST_EVENT -> {
                asSuperuser("DELETE FROM " + EVENTS + " WHERE global_index = " + positions.get(0));
                yield new Expectation("SEQUENCE_GAP", thread, positions.get(1));
            }
            case DELETED_LAST_EVENT -> {
                asSuperuser("DELETE FROM " + EVENTS + " WHERE global_index = " + last);
                yield new Expectation("SEALED_HEAD_MISMATCH", thread, null);
            }
            case DELETED_THREAD -> {
                asSuperuser("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = '" + thread + "'");
                yield new Expectation("SEALED_THREAD_MISSING", thread, null);
            }
            case FORGED_APPENDED_EVENT -> {
                // A forger who knows the encoding: a correctly chained event, dated into the sealed past.
                asSuperuser("INSERT INTO " + EVENTS + " OVERRIDING SYSTEM VALUE SELECT global_index + 100000, '"
                                + UUID.randomUUID() + "', aggregate_identifier, sequence_number + 1, type, time_stamp, "
                                + "payload_type, payload_revision, payload, meta_data, tx_id, event_hash FROM " + EVENTS
                                + " WHERE global_index = " + last,
                        "UPDATE " + EVENTS + " f SET event_hash = public.ledger_event_hash(p.event_hash, f) FROM "
                                + EVENTS + " p WHERE f.global_index = " + (last + 100000) + " AND p.global_index = "
                                + last);
                yield new Expectation("SEALED_HEAD_MISMATCH", thread, null);
            }
            case CHANGED_AND_REHASHED -> {
                long previous = positions.get(n - 1);
                asSuperuser("UPDATE " + EVENTS + " SET time_stamp = '2019-01-01T00:00:00Z' WHERE global_index = " + at,
                        "UPDATE " + EVENTS + " e SET event_hash = public.ledger_event_hash(p.event_hash, e) FROM "
                                + EVENTS + " p WHERE e.global_index = " + at + " AND p.global_index = " + previous);
                yield new Expectation("HASH_MISMATCH", thread, positions.get(n + 1));
            }
            case DIGEST_CHANGED -> {
                asSuperuser("UPDATE audit_digest SET event_count = event_count - 1");
                yield new Expectation("DIGEST_SIGNATURE_INVALID", null, null);
            }
            case SEALED_HEAD_CHANGED -> {
                asSuperuser("UPDATE audit_sealed_head SET sequence_number = sequence_number - 1 WHERE thread_id = '"
                        + thread + "'");
                yield new Expectation("SEALED_HEADS_ALTERED", null, null);
            }
        };
    }

    private JsonNode verify(String thread) {
        return auditor.getForObject("/api/audit/verify" + (thread == null ? "" : "?thread=" + thread), JsonNode.class);
    }

    private void backUp() {
        jdbc.execute("CREATE TABLE tamper_events AS SELECT * FROM " + EVENTS);
        jdbc.execute("CREATE TABLE tamper_digests AS SELECT * FROM audit_digest");
        jdbc.execute("CREATE TABLE tamper_heads AS SELECT * FROM audit_digest_head");
        jdbc.execute("CREATE TABLE tamper_sealed_heads AS SELECT * FROM audit_sealed_head");
    }

    private void restore() throws SQLException {
        asSuperuser("DELETE FROM " + EVENTS, "INSERT INTO " + EVENTS + " OVERRIDING SYSTEM VALUE SELECT * FROM tamper_events",
                "DELETE FROM audit_digest", "INSERT INTO audit_digest SELECT * FROM tamper_digests",
                "DELETE FROM audit_digest_head", "INSERT INTO audit_digest_head SELECT * FROM tamper_heads",
                "DELETE FROM audit_sealed_head", "INSERT INTO audit_sealed_head SELECT * FROM tamper_sealed_heads");
    }

    /** With the append-only and chaining triggers off, as only a superuser can. */
    private void asSuperuser(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL session_replication_role = replica");
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }

    /** The first problem verification must report: its kind, and where, when that is knowable. */
    private record Expectation(String kind, String thread, Long position) {
    }
}
