package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Location;
import java.time.LocalDate;

/** Body of {@code POST /api/threads/{id}/held}: the date the meeting actually took place. */
public record RecordMeetingHeldRequest(LocalDate heldOn, Location location, String note) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.required("heldOn", heldOn);
        v.location("location", location);
        v.optionalText("note", note, Violations.LONG_TEXT);
    }
}
