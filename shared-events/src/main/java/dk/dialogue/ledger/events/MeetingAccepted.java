package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A participant accepted one slot of an open proposal: the meeting is scheduled.
 *
 * @param slot     the accepted slot, copied from the proposal
 * @param location where the meeting takes place, or {@code null} when still open
 */
@Revision("1")
public record MeetingAccepted(ThreadId threadId,
                              ProposalId proposalId,
                              ProposedSlot slot,
                              Party acceptedBy,
                              Location location,
                              LocalDate businessDate) implements ThreadEvent {
}
