package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.LinkType;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/links}. */
public record LinkThreadRequest(String linkedThreadId, LinkType linkType, String note, LocalDate businessDate)
        implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.requiredText("linkedThreadId", linkedThreadId, Violations.SHORT_TEXT);
        v.required("linkType", linkType);
        v.optionalText("note", note, Violations.LONG_TEXT);
    }
}
