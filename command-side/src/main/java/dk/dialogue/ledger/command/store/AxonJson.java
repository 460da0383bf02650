package dk.dialogue.ledger.command.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;

/**
 * The ObjectMapper behind everything Axon stores. It is Axon's own, never Spring's: a
 * {@code spring.jackson.*} setting must not change what is written to the event store.
 */
public final class AxonJson {

    private AxonJson() {
    }

    /** The shared event encoding, plus field access for snapshots of the aggregate's private state. */
    public static ObjectMapper objectMapper() {
        return EventJson.objectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    }
}
