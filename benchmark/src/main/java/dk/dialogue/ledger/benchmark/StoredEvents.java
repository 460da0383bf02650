package dk.dialogue.ledger.benchmark;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.ThreadEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Events as the command side stores them: payload and metadata bytes from the same ObjectMapper
 * configuration (the shared EventJson plus the command side's field visibility), Axon's timestamp format,
 * and the metadata the command side's correlation provider copies onto every event.
 */
final class StoredEvents {

    static final String AGGREGATE_TYPE = "DialogueThread";
    static final String REVISION = "1";
    static final String RECORDER = "clerk";

    /** Axon writes timestamps as ISO-8601 UTC with exactly three fraction digits. */
    private static final DateTimeFormatter AXON_TIMESTAMP = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json = EventJson.objectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    byte[] payload(ThreadEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    /**
     * One command caused the event, so its id is both the correlation and the cause, as without
     * X-Correlation-Id; the keys in the order the command side's HashMap writes them.
     */
    byte[] metadata(Instant recordedAt, UUID command) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(EventMetadata.CAUSATION_ID, command.toString());
        metadata.put(EventMetadata.RECORDED_BY, RECORDER);
        metadata.put(EventMetadata.CORRELATION_ID, command.toString());
        metadata.put(EventMetadata.RECORDED_AT, recordedAt.toString());
        try {
            return json.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise metadata", e);
        }
    }

    static String timestamp(Instant instant) {
        return AXON_TIMESTAMP.format(instant);
    }
}
