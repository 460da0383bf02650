package dk.dialogue.ledger.command.idempotency;

import java.util.Optional;
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

    /** Records the outcome; false when a request under the same key got there first. */
    boolean record(String principal, String key, String fingerprint, long version) {
        return jdbc.update("""
                INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, version)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (principal, idempotency_key) DO NOTHING""", principal, key, fingerprint, version) == 1;
    }
}
