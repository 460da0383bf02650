package dk.dialogue.ledger.query.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, reading the stream in commit order instead of by global index with gap
 * detection. Axon's gap detection gives up on an event whose commit arrives later than its gap timeout
 * after its timestamp (a slow transaction, clock skew): this engine never does. See {@link CommitOrderToken}.
 * <p>
 * The query side only reads: appending is the command side's job.
 */
public class CommitOrderEventStorageEngine extends JdbcEventStorageEngine {

    /** Transactions older than this are finished: their events are final and visible. */
    private static final String VISIBLE = "tx_id < pg_snapshot_xmin(pg_current_snapshot())";
    private static final String FIELDS = "tx_id::text::bigint AS tx, global_index, event_identifier, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data, type, aggregate_identifier, sequence_number";

    private final String table;
    private final ConnectionProvider connections;
    private final EventArrivals arrivals;
    private final SharedDecoding decoding;

    CommitOrderEventStorageEngine(JdbcEventStorageEngine.Builder builder, String table,
                                  ConnectionProvider connections, EventArrivals arrivals, SharedDecoding decoding) {
        super(builder);
        this.table = table;
        this.connections = connections;
        this.arrivals = arrivals;
        this.decoding = decoding;
    }

    /**
     * A stream that may block is the one the embedded event store's tail reader follows (its other streams, and
     * rebuilds, never block): each of its events signals {@link EventArrivals} once the reader has taken it into
     * the store's shared cache, where the processors' streams then find it. The other streams, each a
     * processor's own, decode every event once for all of them ({@link SharedDecoding}).
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
        if (!mayBlock) {
            return decoding.share(events);
        }
        Spliterator<? extends TrackedEventMessage<?>> source = events.spliterator();
        Spliterator<TrackedEventMessage<?>> signalling = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                boolean advanced = source.tryAdvance(action);
                if (advanced) {
                    arrivals.signal();
                }
                return advanced;
            }
        };
        return StreamSupport.stream(signalling, false).onClose(events::close);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        CommitOrderToken after = lastToken == null ? CommitOrderToken.TAIL
                : (CommitOrderToken) WrappedToken.unwrapLowerBound(lastToken);
        return query("SELECT " + FIELDS + " FROM " + table + " WHERE (tx_id, global_index) > (?::text::xid8, ?) AND "
                + VISIBLE + " ORDER BY tx_id, global_index LIMIT ?", statement -> {
            statement.setString(1, Long.toString(after.txId()));
            statement.setLong(2, after.globalIndex());
            statement.setInt(3, batchSize);
        }, CommitOrderEventStorageEngine::trackedEvents);
    }

    /**
     * Up to {@code limit} events at or before {@code until} in commit order, taken thread by thread in sequence order
     * after {@code after}: a rebuild of read models that are folds per thread then writes each thread's rows once
     * for many of its events instead of once for each. Events at or before a visible position are final, so the
     * set read is the same whichever order it is read in.
     */
    public List<TrackedEventMessage<?>> readInThreadOrder(CommitOrderToken until, ThreadPosition after, int limit) {
        List<TrackedEventData<?>> rows = query("SELECT " + FIELDS + " FROM " + table
                + " WHERE (aggregate_identifier, sequence_number) > (?, ?)"
                + " AND (tx_id, global_index) <= (?::text::xid8, ?)"
                + " ORDER BY aggregate_identifier, sequence_number LIMIT ?", statement -> {
            statement.setString(1, after.threadId());
            statement.setLong(2, after.sequence());
            statement.setString(3, Long.toString(until.txId()));
            statement.setLong(4, until.globalIndex());
            statement.setInt(5, limit);
        }, CommitOrderEventStorageEngine::trackedEvents);
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), getEventSerializer(), upcasterChain)
                .toList();
    }

    @Override
    public TrackingToken createTailToken() {
        return CommitOrderToken.TAIL;
    }

    @Override
    public CommitOrderToken createHeadToken() {
        return query(headQuery(table), statement -> {
        }, CommitOrderEventStorageEngine::firstToken);
    }

    /** The position just before the first event recorded at or after {@code dateTime}. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        CommitOrderToken first = query(firstAtQuery(table),
                statement -> statement.setString(1, dateTime.toString()), CommitOrderEventStorageEngine::firstToken);
        return first.equals(CommitOrderToken.TAIL) ? createHeadToken()
                : new CommitOrderToken(first.txId(), first.globalIndex() - 1);
    }

    /**
     * The newest visible event's position. The converted {@code tx_id} is selected under another name: a bare
     * {@code tx_id} in {@code ORDER BY} names an output column before a table column, the converted one cannot
     * be read along the commit-order index, and PostgreSQL sorted the whole history instead (2.4 s at 10,000,000
     * events, for each processor starting on an empty token store and for every rebuild).
     */
    static String headQuery(String table) {
        return "SELECT tx_id::text::bigint AS tx, global_index FROM " + table + " WHERE " + VISIBLE
                + " ORDER BY tx_id DESC, global_index DESC LIMIT 1";
    }

    /** The first visible event recorded at or after a time; named as in {@link #headQuery} for the same reason. */
    static String firstAtQuery(String table) {
        return "SELECT tx_id::text::bigint AS tx, global_index FROM " + table + " WHERE time_stamp >= ? AND "
                + VISIBLE + " ORDER BY tx_id, global_index LIMIT 1";
    }

    /**
     * One statement, in the caller's transaction if it has one (a rebuild's), otherwise on its own: a transaction
     * around a single read changes nothing it sees (the statement has one snapshot either way) and cost the tail
     * reader, which reads 0.76 times a command in the benchmark, a {@code BEGIN} and a {@code COMMIT} round trip.
     */
    private <R> R query(String sql, Parameters parameters, Rows<R> rows) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                return rows.read(resultSet);
            }
        } catch (SQLException e) {
            throw new EventStoreException("reading the event store failed: " + e.getMessage(), e);
        }
    }

    private static CommitOrderToken firstToken(ResultSet rows) throws SQLException {
        return rows.next() ? new CommitOrderToken(rows.getLong(1), rows.getLong(2)) : CommitOrderToken.TAIL;
    }

    private static List<TrackedEventData<?>> trackedEvents(ResultSet rows) throws SQLException {
        List<TrackedEventData<?>> events = new ArrayList<>();
        while (rows.next()) {
            CommitOrderToken token = new CommitOrderToken(rows.getLong("tx"), rows.getLong("global_index"));
            events.add(new TrackedDomainEventData<>(token, new GenericDomainEventEntry<>(
                    rows.getString("type"), rows.getString("aggregate_identifier"), rows.getLong("sequence_number"),
                    rows.getString("event_identifier"), rows.getString("time_stamp"), rows.getString("payload_type"),
                    rows.getString("payload_revision"), rows.getBytes("payload"), rows.getBytes("meta_data"))));
        }
        return events;
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Rows<R> {
        R read(ResultSet rows) throws SQLException;
    }
}
