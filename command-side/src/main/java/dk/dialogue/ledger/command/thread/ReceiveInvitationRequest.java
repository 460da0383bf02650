package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.ThreadKind;
import java.util.List;

/** Body of {@code POST /api/threads}: the letter that opens a thread. */
public record ReceiveInvitationRequest(ThreadKind kind,
                                       LetterInput letter,
                                       List<Party> inviting,
                                       List<Party> invited,
                                       List<ProposedSlot> slots,
                                       Location location,
                                       Deadline deadline) implements ValidatedRequest {

    @Override
    public void validate(Violations v) {
        v.required("kind", kind);
        if (letter == null) {
            v.required("letter", null);
        } else {
            letter.validate("letter", v);
        }
        v.list("inviting", inviting, true, v::party);
        v.list("invited", invited, true, v::party);
        v.list("slots", slots, false, v::slot);
        v.location("location", location);
        if (deadline != null) {
            v.deadline("deadline", deadline);
        }
    }
}
