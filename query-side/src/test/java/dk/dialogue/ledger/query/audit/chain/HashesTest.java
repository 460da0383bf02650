package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    /**
     * Two rows inserted into {@code domain_event_entry} on PostgreSQL 15 and the hashes its trigger
     * ({@code ledger_event_hash}, migration V2) stored: the Java encoding must give the same bytes.
     */
    @Test
    void recomputes_the_hashes_postgresql_stored_for_a_thread_of_two_events() {
        StoredEvent first = row(1, 0, "e1");
        StoredEvent second = row(2, 1, "e2");

        byte[] firstHash = Hashes.event(Hashes.GENESIS, first);

        assertThat(Hashes.hex(firstHash)).isEqualTo("dbe5cdaa70b996b4a15417f073c5c92557eb49507a08f4c192201f12d930df15");
        assertThat(Hashes.hex(Hashes.event(firstHash, second)))
                .isEqualTo("57d360c883f299716afc1ef80a1ef63d96e7e19a77d262d39f377bc40a21acde");
    }

    @Test
    void a_null_field_and_an_empty_one_hash_differently() {
        StoredEvent withNull = row(1, 0, "e1");
        StoredEvent withEmpty = new StoredEvent(1, 737, "t1", 0, "e1", "D", "X", "", "2026",
                "{}".getBytes(StandardCharsets.UTF_8), null, null);

        assertThat(Hashes.event(Hashes.GENESIS, withNull)).isNotEqualTo(Hashes.event(Hashes.GENESIS, withEmpty));
    }

    private static StoredEvent row(long position, long sequence, String eventId) {
        return new StoredEvent(position, 737, "t1", sequence, eventId, "D", "X", null, "2026",
                "{}".getBytes(StandardCharsets.UTF_8), null, null);
    }
}
