package dk.dialogue.ledger.benchmark;

import dk.dialogue.ledger.events.ThreadEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hardware's limit for the ledger's own data: plain JDBC against a table of the event table's exact
 * shape (columns, identity, defaults, indexes and constraints, not its triggers) in the same PostgreSQL,
 * with the same payloads the ledger stores. Nothing the services do can beat these figures.
 */
final class Limit {

    private static final String TABLE = "benchmark_limit_event";
    private static final String INSERT = "INSERT INTO " + TABLE + " (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One ready-made row: the payloads of real lifecycle events, reused round-robin. */
    private record Row(String aggregate, String payloadType, byte[] payload, byte[] metadata) {
    }

    private final Database database;
    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong aggregates = new AtomicLong();

    Limit(Database database) {
        this.database = database;
        StoredEvents stored = new StoredEvents();
        Random random = new Random(3);
        for (int thread = 0; rows.size() < 1_000; thread++) {
            for (ThreadEvent event : Histories.lifecycle(thread, random)) {
                rows.add(new Row(event.threadId().value(), event.getClass().getName(), stored.payload(event),
                        stored.metadata(Instant.now(), UUID.randomUUID())));
            }
        }
    }

    void createTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
            // LIKE copies columns and constraints but not triggers: the limit is plain inserts, so the hash-chain
            // column gets a constant of the same width instead of the chaining trigger's work.
            statement.execute("ALTER TABLE " + TABLE + " ALTER COLUMN event_hash SET DEFAULT decode(repeat('ab', 32), 'hex')");
        }
    }

    void dropTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** Events per second written by {@code connections} writers, {@code batch} events per transaction. */
    double insert(int connections, int batch, Duration duration) throws Exception {
        AtomicLong written = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> writers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int writer = c;
            Thread thread = new Thread(() -> {
                try {
                    write(batch, end, written, writer);
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "limit-writer-" + c);
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return written.get() / ((System.nanoTime() - start) / 1e9);
    }

    private void write(int batch, long end, AtomicLong written, int writer) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(batch == 1);
            int next = writer * 97;
            while (System.nanoTime() < end) {
                // Each transaction appends to its own aggregate, as a command appends to one thread.
                String aggregate = "limit-" + aggregates.incrementAndGet();
                for (int i = 0; i < batch; i++) {
                    Row row = rows.get(next++ % rows.size());
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, aggregate);
                    insert.setLong(3, i);
                    insert.setString(4, StoredEvents.AGGREGATE_TYPE);
                    insert.setString(5, StoredEvents.timestamp(Instant.now()));
                    insert.setString(6, row.payloadType());
                    insert.setString(7, StoredEvents.REVISION);
                    insert.setBytes(8, row.payload());
                    insert.setBytes(9, row.metadata());
                    if (batch == 1) {
                        insert.executeUpdate();
                    } else {
                        insert.addBatch();
                    }
                }
                if (batch > 1) {
                    insert.executeBatch();
                    connection.commit();
                }
                written.addAndGet(batch);
            }
        }
    }

    /** Rows per second reading a whole table in primary-key order, 1,000 rows a page, every column fetched. */
    double sequentialRead(String table) throws SQLException {
        long rowsRead = 0;
        long after = 0;
        long start = System.nanoTime();
        try (Connection connection = database.connect();
             PreparedStatement page = connection.prepareStatement("SELECT global_index, event_identifier, "
                     + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                     + "payload, meta_data, tx_id::text FROM " + table
                     + " WHERE global_index > ? ORDER BY global_index LIMIT 1000")) {
            while (true) {
                page.setLong(1, after);
                int inPage = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        for (int column = 2; column <= 11; column++) {
                            rs.getObject(column);
                        }
                        inPage++;
                    }
                }
                rowsRead += inPage;
                if (inPage < 1000) {
                    break;
                }
            }
        }
        return rowsRead / ((System.nanoTime() - start) / 1e9);
    }
}
