package dk.dialogue.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one dialogue thread; serialised as a plain string. */
public record ThreadId(@JsonValue String value) {

    @JsonCreator
    public ThreadId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("thread id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
