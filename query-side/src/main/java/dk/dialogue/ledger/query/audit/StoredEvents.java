package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.events.upcasting.Upcasters;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Repository;

/**
 * The event store's rows exactly as stored, for auditors: read by plain JDBC, not through Axon, so that the
 * bytes that are hashed are the bytes that are shown and exported.
 */
@Repository
public class StoredEvents {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters = new EventUpcasterChain(Upcasters.all());
    private final String columns;
    private final String table;

    public StoredEvents(JdbcTemplate jdbc, Serializer serializer,
                        @Value("${ledger.event-store.table:public.domain_event_entry}") String table) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.table = table;
        this.columns = "global_index, tx_id::text::bigint AS tx, aggregate_identifier, sequence_number, "
                + "event_identifier, type, payload_type, payload_revision, time_stamp, payload, meta_data, event_hash "
                + "FROM " + table;
    }

    public String table() {
        return table;
    }

    /** Streams one thread's events in sequence order. Needs a transaction (a cursor only streams inside one). */
    public void forThread(String threadId, Consumer<StoredEvent> consumer) {
        jdbc.query(connection -> {
            PreparedStatement statement = streaming(connection, "SELECT " + columns
                    + " WHERE aggregate_identifier = ? ORDER BY sequence_number");
            statement.setString(1, threadId);
            return statement;
        }, rs -> {
            consumer.accept(row(rs));
        });
    }

    /**
     * Streams, in global order, the events after a position of the threads in a range, until the sink returns
     * false. Needs a transaction.
     */
    public void forRange(ThreadRange range, long after, Predicate<StoredEvent> sink) {
        List<Object> arguments = new ArrayList<>(List.of(after));
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" WHERE global_index > ?");
        // Compared as bytes, the order the ranges are cut in, whatever the column's collation.
        if (range.from() != null) {
            sql.append(" AND aggregate_identifier COLLATE \"C\" >= ?");
            arguments.add(range.from());
        }
        if (range.to() != null) {
            sql.append(" AND aggregate_identifier COLLATE \"C\" < ?");
            arguments.add(range.to());
        }
        jdbc.query(connection -> {
            PreparedStatement statement = streaming(connection, sql.append(" ORDER BY global_index").toString());
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }, (ResultSetExtractor<Void>) rs -> {
            boolean more = true;
            while (more && rs.next()) {
                more = sink.test(row(rs));
            }
            return null;
        });
    }

    /**
     * A statement whose rows arrive a page at a time and in PostgreSQL's binary format. The driver asks for binary
     * rows only from a statement it has run several times; a stream runs once, and in text form every payload would
     * cross as hex, twice its size, encoded by the server and decoded here.
     */
    private static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    /** One thread's events, oldest first; empty if there is no such thread. */
    public List<StoredEvent> thread(String threadId) {
        return jdbc.query("SELECT " + columns + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, n) -> row(rs), threadId);
    }

    /** A page of the global history after a position, filtered by SQL conditions on the event rows. */
    public List<StoredEvent> page(long after, int limit, String conditions, List<Object> arguments) {
        List<Object> all = new ArrayList<>();
        all.add(after);
        all.addAll(arguments);
        all.add(limit);
        return jdbc.query("SELECT " + columns + " WHERE global_index > ?" + conditions
                + " ORDER BY global_index LIMIT ?", (rs, n) -> row(rs), all.toArray());
    }

    /**
     * The events meeting an SQL condition of the first {@code threads} threads after {@code afterThread} whose
     * opening event meets it, ordered by thread and sequence.
     */
    public void forThreads(String afterThread, int threads, String condition, Object argument,
                           Consumer<StoredEvent> consumer) {
        jdbc.query(connection -> {
            PreparedStatement statement = streaming(connection, "SELECT " + columns
                    + " WHERE aggregate_identifier IN (SELECT DISTINCT aggregate_identifier FROM " + table
                    + " WHERE aggregate_identifier > ? AND sequence_number = 0 AND " + condition
                    + " ORDER BY aggregate_identifier LIMIT ?)"
                    + " AND " + condition + " ORDER BY aggregate_identifier, sequence_number");
            statement.setString(1, afterThread);
            statement.setObject(2, argument);
            statement.setInt(3, threads);
            statement.setObject(4, argument);
            return statement;
        }, rs -> {
            consumer.accept(row(rs));
        });
    }

    /** The events as Axon messages, upcast to the current revisions, for the fold. */
    public Stream<? extends DomainEventMessage<?>> messages(List<StoredEvent> events) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(events.stream().map(StoredEvents::entry),
                serializer, upcasters).asStream();
    }

    private static GenericDomainEventEntry<byte[]> entry(StoredEvent e) {
        return new GenericDomainEventEntry<>(e.aggregateType(), e.threadId(), e.sequence(), e.eventId(),
                e.timeStamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData());
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10),
                rs.getBytes(11), rs.getBytes(12));
    }
}
