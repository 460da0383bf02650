package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Accept one slot of an open proposal, scheduling the meeting.
 *
 * @param slotIndex zero-based position of the accepted slot among the proposal's alternatives
 * @param location  where the meeting takes place, or {@code null} to keep the proposal's
 */
public record AcceptMeeting(@TargetAggregateIdentifier ThreadId threadId,
                            Long expectedVersion,
                            ProposalId proposalId,
                            int slotIndex,
                            Party acceptedBy,
                            Location location,
                            LocalDate businessDate) implements VersionedCommand {
}
