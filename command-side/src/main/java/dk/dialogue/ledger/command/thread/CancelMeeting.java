package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Call off the meeting the thread is arranging. */
public record CancelMeeting(@TargetAggregateIdentifier ThreadId threadId,
                            Long expectedVersion,
                            Party cancelledBy,
                            String reason,
                            LocalDate businessDate) implements VersionedCommand {
}
