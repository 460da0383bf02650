package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/acceptance}: which slot of which proposal. */
public record AcceptMeetingRequest(String proposalId,
                                   Integer slotIndex,
                                   Party acceptedBy,
                                   Location location,
                                   LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.requiredText("proposalId", proposalId, Violations.SHORT_TEXT);
        v.required("slotIndex", slotIndex);
        v.party("acceptedBy", acceptedBy);
        v.location("location", location);
    }
}
