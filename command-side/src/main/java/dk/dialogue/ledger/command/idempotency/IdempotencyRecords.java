package dk.dialogue.ledger.command.idempotency;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outcomes of requests made under an Idempotency-Key, per user. */
@Repository
public class IdempotencyRecords {

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The outcome of the request first made under this key, if one committed.
     *
     * @throws IdempotencyKeyReused when the key was first used for a different request
     */
    public Optional<Replayed> find(String principal, String key, String fingerprint) {
        return jdbc.query("""
                SELECT fingerprint, version FROM idempotency_record
                WHERE principal = ? AND idempotency_key = ?""", (rs, row) -> {
            if (!rs.getString(1).equals(fingerprint)) {
                throw new IdempotencyKeyReused(key);
            }
            return new Replayed(rs.getLong(2));
        }, principal, key).stream().findFirst();
    }

    /**
     * Records the outcomes in the caller's transaction; answers those not recorded because a request under the same
     * key got there first (the caller must then roll back).
     */
    public List<IdempotencyRecord> recordAll(List<IdempotencyRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        int[] counts = jdbc.batchUpdate("""
                INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, version)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (principal, idempotency_key) DO NOTHING""", records.stream()
                .map(record -> new Object[] {record.principal(), record.key(), record.fingerprint(), record.version()})
                .toList());
        // A driver that rewrites batches reports no counts (SUCCESS_NO_INFO): then nothing can be said to be recorded.
        return IntStream.range(0, records.size()).filter(i -> counts[i] != 1).mapToObj(records::get).toList();
    }
}
