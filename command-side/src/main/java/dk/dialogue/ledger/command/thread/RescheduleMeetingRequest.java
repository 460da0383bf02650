package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RescheduleBasis;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/reschedule}. */
public record RescheduleMeetingRequest(ProposedSlot newSlot,
                                       Location location,
                                       Party requestedBy,
                                       String reason,
                                       RescheduleBasis basis,
                                       String basedOnLetter,
                                       LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.slot("newSlot", newSlot);
        v.location("location", location);
        v.party("requestedBy", requestedBy);
        v.requiredText("reason", reason, Violations.LONG_TEXT);
        v.required("basis", basis);
        v.optionalText("basedOnLetter", basedOnLetter, Violations.SHORT_TEXT);
    }
}
