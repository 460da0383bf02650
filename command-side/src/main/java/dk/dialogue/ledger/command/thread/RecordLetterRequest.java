package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.LetterRole;

/** Body of {@code POST /api/threads/{id}/letters}. */
public record RecordLetterRequest(LetterRole role, LetterInput letter) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.required("role", role);
        if (letter == null) {
            v.required("letter", null);
        } else {
            letter.validate("letter", v);
        }
    }
}
