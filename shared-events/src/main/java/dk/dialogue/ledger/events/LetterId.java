package dk.dialogue.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one registered letter within the ledger, so later corrections can name it. */
public record LetterId(@JsonValue String value) {

    @JsonCreator
    public LetterId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("letter id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
