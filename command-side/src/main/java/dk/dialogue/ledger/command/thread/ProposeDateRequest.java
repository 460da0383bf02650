package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/threads/{id}/proposals}. */
public record ProposeDateRequest(Party proposedBy,
                                 List<ProposedSlot> slots,
                                 Location location,
                                 String counters,
                                 LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.party("proposedBy", proposedBy);
        v.list("slots", slots, true, v::slot);
        v.location("location", location);
        v.optionalText("counters", counters, Violations.SHORT_TEXT);
    }
}
