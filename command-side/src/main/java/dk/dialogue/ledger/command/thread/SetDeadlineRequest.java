package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Deadline;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/deadline}. */
public record SetDeadlineRequest(Deadline deadline, LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.deadline("deadline", deadline);
    }
}
