package dk.dialogue.ledger.query.audit.seal;

import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.MerkleTree;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stored digests and the chain heads they sealed. */
@Repository
public class DigestRepository {

    private static final String COLUMNS = "sequence, created_at, boundary_tx_id, last_position, event_count, "
            + "thread_count, root, previous, key_id, signature FROM audit_digest";

    /** Heads read at a time for a seal's Merkle tree: the index is walked in order, never sorted. */
    private static final int SEALED_HEADS_PAGE = 10_000;

    private final JdbcTemplate jdbc;

    public DigestRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Digest> all() {
        return jdbc.query("SELECT " + COLUMNS + " ORDER BY sequence", (rs, n) -> digest(rs));
    }

    public Optional<Digest> latest() {
        return jdbc.query("SELECT " + COLUMNS + " ORDER BY sequence DESC LIMIT 1", (rs, n) -> digest(rs)).stream()
                .findFirst();
    }

    public Optional<Digest> find(long sequence) {
        return jdbc.query("SELECT " + COLUMNS + " WHERE sequence = ?", (rs, n) -> digest(rs), sequence).stream()
                .findFirst();
    }

    /** Every thread's head as of the digest. */
    public List<ChainHead> headsAt(long digest) {
        return jdbc.query("""
                SELECT DISTINCT ON (thread_id) thread_id, sequence_number, event_hash FROM audit_digest_head
                 WHERE digest_sequence <= ? ORDER BY thread_id, digest_sequence DESC""",
                (rs, n) -> new ChainHead(rs.getString(1), rs.getLong(2), rs.getBytes(3)), digest);
    }

    /** One thread's head as of the digest, if the digest covers it. */
    public Optional<ChainHead> headAt(long digest, String threadId) {
        return jdbc.query("""
                SELECT thread_id, sequence_number, event_hash FROM audit_digest_head
                 WHERE thread_id = ? AND digest_sequence <= ? ORDER BY digest_sequence DESC LIMIT 1""",
                (rs, n) -> new ChainHead(rs.getString(1), rs.getLong(2), rs.getBytes(3)), threadId, digest).stream()
                .findFirst();
    }

    /**
     * The Merkle tree over every thread's head as the latest digest sealed it, read in pages along the primary key
     * of {@code audit_sealed_head}, whose "C" collation is the tree's order (the builder checks it).
     */
    MerkleTree.Builder sealedHeads() {
        MerkleTree.Builder tree = new MerkleTree.Builder();
        String after = null;
        while (true) {
            List<ChainHead> page = jdbc.query("SELECT thread_id, sequence_number, event_hash FROM audit_sealed_head "
                    + (after == null ? "" : "WHERE thread_id > ? ") + "ORDER BY thread_id LIMIT " + SEALED_HEADS_PAGE,
                    (rs, n) -> new ChainHead(rs.getString(1), rs.getLong(2), rs.getBytes(3)),
                    after == null ? new Object[0] : new Object[] {after});
            page.forEach(tree::add);
            if (page.size() < SEALED_HEADS_PAGE) {
                return tree;
            }
            after = page.get(page.size() - 1).threadId();
        }
    }

    void insert(Digest d) {
        jdbc.update("INSERT INTO audit_digest (sequence, created_at, boundary_tx_id, last_position, event_count, "
                        + "thread_count, root, previous, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.sequence(), Timestamp.from(d.createdAt()), d.boundaryTxId(), d.lastPosition(), d.eventCount(),
                d.threadCount(), d.root(), d.previous(), d.keyId(), d.signature());
    }

    private static Digest digest(ResultSet rs) throws SQLException {
        return new Digest(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
