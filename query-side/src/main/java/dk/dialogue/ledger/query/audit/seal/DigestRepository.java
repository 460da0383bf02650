package dk.dialogue.ledger.query.audit.seal;

import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Stored digests and the chain heads they sealed. */
@Repository
public class DigestRepository {

    private static final String COLUMNS = "sequence, created_at, boundary_tx_id, last_position, event_count, "
            + "thread_count, root, previous, key_id, signature FROM audit_digest";

    /** Heads read at a time: the index is walked in order, never sorted. */
    private static final int SEALED_HEADS_PAGE = 10_000;

    private static final RowMapper<ChainHead> HEAD = (rs, n) -> new ChainHead(rs.getString(1), rs.getLong(2),
            rs.getBytes(3));

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

    /** One thread's head as the latest digest sealed it, if it sealed the thread. */
    public Optional<ChainHead> sealedHead(String threadId) {
        return jdbc.query("SELECT thread_id, sequence_number, event_hash FROM audit_sealed_head WHERE thread_id = ?",
                HEAD, threadId).stream().findFirst();
    }

    /**
     * The chain heads the latest digest sealed, of the range's threads, in thread order: read in pages along the
     * primary key of {@code audit_sealed_head}, whose "C" collation is the thread order, so nothing is sorted and
     * no more than a page is held.
     */
    public Iterator<ChainHead> sealedHeads(ThreadRange range) {
        return new Iterator<>() {
            private List<ChainHead> page = page(range, null);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == SEALED_HEADS_PAGE) {
                    page = page(range, page.get(page.size() - 1).threadId());
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public ChainHead next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    private List<ChainHead> page(ThreadRange range, String after) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        for (String[] bound : new String[][] {{range.from(), ">="}, {range.to(), "<"}, {after, ">"}}) {
            if (bound[0] != null) {
                conditions.add("thread_id " + bound[1] + " ?");
                arguments.add(bound[0]);
            }
        }
        return jdbc.query("SELECT thread_id, sequence_number, event_hash FROM audit_sealed_head"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY thread_id LIMIT " + SEALED_HEADS_PAGE, HEAD, arguments.toArray());
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
