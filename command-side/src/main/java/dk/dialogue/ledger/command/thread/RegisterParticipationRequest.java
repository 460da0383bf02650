package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/registrations}. */
public record RegisterParticipationRequest(Party party, ParticipationAnswer answer, LocalDate businessDate)
        implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.party("party", party);
        v.required("answer", answer);
    }
}
