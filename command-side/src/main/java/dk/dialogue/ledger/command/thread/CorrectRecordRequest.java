package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/corrections}: the letter's data as it should have been registered. */
public record CorrectRecordRequest(String letterId, LetterInput correctedLetter, String reason,
                                   LocalDate businessDate) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.requiredText("letterId", letterId, Violations.SHORT_TEXT);
        if (correctedLetter == null) {
            v.required("correctedLetter", null);
        } else {
            correctedLetter.validate("correctedLetter", v);
        }
        v.requiredText("reason", reason, Violations.LONG_TEXT);
    }
}
