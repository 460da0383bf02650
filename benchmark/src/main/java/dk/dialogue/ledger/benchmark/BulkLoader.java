package dk.dialogue.ledger.benchmark;

import dk.dialogue.ledger.events.ThreadEvent;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the event store directly with COPY: whole thread lifecycles with valid payloads, sequence numbers
 * from 0 and the command side's metadata, plus the letter texts in the document store. It writes no
 * column the database fills itself (global index, transaction id, and any column a trigger computes), so
 * it works with or without triggers on the table. One thread generates while another copies.
 */
final class BulkLoader {

    /** Rows per COPY, each its own transaction, like a large but ordinary append. */
    private static final int CHUNK = 10_000;
    private static final String COPY = "COPY domain_event_entry (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) FROM STDIN";
    /** Marks the end of the generated chunks; a real chunk is never empty. */
    private static final String END = "";

    private final Database database;
    private final StoredEvents stored = new StoredEvents();
    private final HexFormat hex = HexFormat.of();

    BulkLoader(Database database) {
        this.database = database;
    }

    /** Loads at least {@code events} events (the last thread is cut short) and answers how many. */
    long load(long events) throws Exception {
        storeTexts();
        BlockingQueue<String> chunks = new ArrayBlockingQueue<>(4);
        long[] written = {0};
        Thread generator = new Thread(() -> generate(events, chunks, written), "bulk-generator");
        generator.start();
        try (Connection connection = database.connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            while (true) {
                String chunk = chunks.take();
                if (chunk.isEmpty()) {
                    break;
                }
                copy.copyIn(COPY, new StringReader(chunk));
            }
        }
        generator.join();
        return written[0];
    }

    private void generate(long events, BlockingQueue<String> chunks, long[] written) {
        Random random = new Random(42);
        // Recorded times end about now, one millisecond apart, as if the history had been entered over time.
        Instant recorded = Instant.now().minus(Duration.ofMillis(events));
        StringBuilder chunk = new StringBuilder(CHUNK * 2_500);
        int rows = 0;
        try {
            for (long thread = 0; written[0] < events; thread++) {
                List<ThreadEvent> lifecycle = Histories.lifecycle(thread, random);
                for (int sequence = 0; sequence < lifecycle.size() && written[0] < events; sequence++) {
                    ThreadEvent event = lifecycle.get(sequence);
                    recorded = recorded.plusMillis(1);
                    UUID command = new UUID(random.nextLong(), random.nextLong());
                    row(chunk, event, sequence, recorded, command);
                    written[0]++;
                    if (++rows == CHUNK) {
                        chunks.put(chunk.toString());
                        chunk.setLength(0);
                        rows = 0;
                    }
                }
            }
            if (rows > 0) {
                chunks.put(chunk.toString());
            }
            chunks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line of COPY's text format; bytea as hex, its backslash escaped for COPY. */
    private void row(StringBuilder out, ThreadEvent event, int sequence, Instant recorded, UUID command) {
        out.append(UUID.randomUUID()).append('\t')
                .append(event.threadId().value()).append('\t')
                .append(sequence).append('\t')
                .append(StoredEvents.AGGREGATE_TYPE).append('\t')
                .append(StoredEvents.timestamp(recorded)).append('\t')
                .append(event.getClass().getName()).append('\t')
                .append(StoredEvents.REVISION).append('\t')
                .append("\\\\x").append(hex.formatHex(stored.payload(event))).append('\t')
                .append("\\\\x").append(hex.formatHex(stored.metadata(recorded, command))).append('\n');
    }

    private void storeTexts() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO document (sha256, media_type, "
                     + "size_bytes, content) VALUES (?, 'text/plain; charset=UTF-8', ?, ?) ON CONFLICT DO NOTHING")) {
            for (String text : Corpus.TEXTS) {
                byte[] content = text.getBytes(StandardCharsets.UTF_8);
                insert.setString(1, Corpus.sha256(text));
                insert.setInt(2, content.length);
                insert.setBytes(3, content);
                insert.executeUpdate();
            }
        }
    }
}
