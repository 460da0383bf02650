package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/decline}. */
public record DeclineInvitationRequest(Party declinedBy, String reason, LocalDate businessDate)
        implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.party("declinedBy", declinedBy);
        v.requiredText("reason", reason, Violations.LONG_TEXT);
    }
}
