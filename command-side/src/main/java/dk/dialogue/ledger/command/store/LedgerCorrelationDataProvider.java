package dk.dialogue.ledger.command.store;

import dk.dialogue.ledger.events.EventMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies who recorded a command, when, under which correlation and Idempotency-Key onto every event it
 * causes, and names the command as the events' cause. Other command metadata stays on the command side.
 */
class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(EventMetadata.RECORDED_AT, EventMetadata.RECORDED_BY,
            EventMetadata.CORRELATION_ID, EventMetadata.IDEMPOTENCY_KEY);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        COPIED.forEach(key -> {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        });
        data.putIfAbsent(EventMetadata.CORRELATION_ID, message.getIdentifier());
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
