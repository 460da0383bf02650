package dk.dialogue.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one proposal of dates (one or more alternative slots) within a thread. */
public record ProposalId(@JsonValue String value) {

    @JsonCreator
    public ProposalId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("proposal id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
