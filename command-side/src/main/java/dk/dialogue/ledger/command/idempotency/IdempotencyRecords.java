package dk.dialogue.ledger.command.idempotency;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * key got there first (the caller must then roll back). One statement, which names the rows it inserted: batch
     * update counts would depend on the driver's settings ({@code reWriteBatchedInserts} reports none).
     */
    public List<IdempotencyRecord> recordAll(List<IdempotencyRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Set<List<String>> recorded = new HashSet<>(jdbc.query("""
                INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, version)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])
                ON CONFLICT (principal, idempotency_key) DO NOTHING
                RETURNING principal, idempotency_key""", statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("text",
                    records.stream().map(IdempotencyRecord::principal).toArray()));
            statement.setArray(2, connection.createArrayOf("text",
                    records.stream().map(IdempotencyRecord::key).toArray()));
            statement.setArray(3, connection.createArrayOf("text",
                    records.stream().map(IdempotencyRecord::fingerprint).toArray()));
            statement.setArray(4, connection.createArrayOf("bigint",
                    records.stream().map(IdempotencyRecord::version).toArray()));
        }, (rs, row) -> List.of(rs.getString(1), rs.getString(2))));
        return records.stream().filter(record -> !recorded.remove(List.of(record.principal(), record.key())))
                .toList();
    }
}
