package dk.dialogue.ledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.query.audit.chain.Hashes;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One event as an auditor reads it: the stored payload and every recording fact, with its chain hash.
 *
 * @param position     the global index
 * @param type         the event type's simple name, e.g. {@code DateProposed}
 * @param businessDate when it happened in the world
 * @param recordedAt   when the ledger learned of it
 * @param recordedBy   the principal that recorded it
 * @param hash         hex SHA-256 chain hash
 */
public record HistoryEntry(long position, String threadId, long sequence, String eventId, String type,
                           String revision, String businessDate, String recordedAt, String recordedBy,
                           String correlationId, String causationId, String idempotencyKey, JsonNode payload,
                           String hash) {

    static HistoryEntry of(StoredEvent e, ObjectMapper json) {
        JsonNode payload = read(json, e.payload());
        JsonNode meta = e.metaData() == null ? json.createObjectNode() : read(json, e.metaData());
        return new HistoryEntry(e.position(), e.threadId(), e.sequence(), e.eventId(), simpleName(e.payloadType()),
                e.payloadRevision(), text(payload, "businessDate"), text(meta, EventMetadata.RECORDED_AT),
                text(meta, EventMetadata.RECORDED_BY), text(meta, EventMetadata.CORRELATION_ID),
                text(meta, EventMetadata.CAUSATION_ID), text(meta, EventMetadata.IDEMPOTENCY_KEY), payload,
                Hashes.hex(e.hash()));
    }

    static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static JsonNode read(ObjectMapper json, byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
