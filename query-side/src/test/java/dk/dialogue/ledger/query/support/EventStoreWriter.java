package dk.dialogue.ledger.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.ThreadEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.serialization.Revision;

/**
 * Appends events the way the command side does (same table, columns, JSON encoding and metadata), so the
 * query side is tested against what it will really read, without depending on the command side.
 */
public final class EventStoreWriter {

    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final DataSource dataSource;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public EventStoreWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the events in one transaction each, numbering them per thread from 0. */
    public void append(List<? extends ThreadEvent> events) {
        events.forEach(event -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                insert(connection, event);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Appends on the given connection, in whatever transaction it has open. */
    public void insert(Connection connection, ThreadEvent event) throws SQLException {
        long sequence = sequences.computeIfAbsent(event.threadId().value(), id -> new AtomicLong()).getAndIncrement();
        insert(connection, event, sequence);
    }

    public void insert(Connection connection, ThreadEvent event, long sequence) throws SQLException {
        try {
            insert(connection, event, sequence, JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends {@code event} with {@code payload} as its stored JSON, however that is written. */
    public void insert(Connection connection, ThreadEvent event, long sequence, byte[] payload) throws SQLException {
        Instant now = Instant.now();
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put(EventMetadata.RECORDED_AT, now.toString());
        metaData.put(EventMetadata.RECORDED_BY, "clerk");
        metaData.put(EventMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'DialogueThread', ?, ?, ?, ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, event.threadId().value());
            insert.setLong(3, sequence);
            insert.setString(4, now.toString());
            insert.setString(5, event.getClass().getName());
            insert.setString(6, event.getClass().getAnnotation(Revision.class).value());
            insert.setBytes(7, payload);
            insert.setBytes(8, JSON.writeValueAsBytes(metaData));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a letter text in the document store, as the command side does; returns its hash. */
    public String storeText(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(content);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO public.document (sha256, media_type, size_bytes, content)
                     VALUES (?, 'text/plain; charset=UTF-8', ?, ?) ON CONFLICT DO NOTHING""")) {
            insert.setString(1, sha256);
            insert.setInt(2, content.length);
            insert.setBytes(3, content);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sha256;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
