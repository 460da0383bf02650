package dk.dialogue.ledger.events;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An invitation, summons or registration call was registered; this opens the thread.
 *
 * @param proposalId   id of the proposal formed by the letter's own slots; {@code null} when it proposes none
 * @param slots        alternative slots the letter offers, possibly none
 * @param location     where, or {@code null} when not yet known
 * @param deadline     response or registration deadline, or {@code null}
 * @param businessDate the letter's date
 */
@Revision("1")
public record InvitationReceived(ThreadId threadId,
                                 LetterId letterId,
                                 ThreadKind kind,
                                 Letter letter,
                                 List<Party> inviting,
                                 List<Party> invited,
                                 ProposalId proposalId,
                                 List<ProposedSlot> slots,
                                 Location location,
                                 Deadline deadline,
                                 LocalDate businessDate) implements ThreadEvent {

    public InvitationReceived {
        inviting = Lists.copy(inviting);
        invited = Lists.copy(invited);
        slots = Lists.copy(slots);
    }
}
