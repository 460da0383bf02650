package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/proposals/{proposalId}/withdrawal}. */
public record WithdrawProposalRequest(Party withdrawnBy, String reason, LocalDate businessDate)
        implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.party("withdrawnBy", withdrawnBy);
        v.optionalText("reason", reason, Violations.LONG_TEXT);
    }
}
