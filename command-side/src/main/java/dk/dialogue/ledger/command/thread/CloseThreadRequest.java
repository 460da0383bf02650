package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/closure}. */
public record CloseThreadRequest(String reason, LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.optionalText("reason", reason, Violations.LONG_TEXT);
    }
}
