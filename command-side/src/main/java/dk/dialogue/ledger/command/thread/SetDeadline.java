package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set or move the thread's response or registration deadline. */
public record SetDeadline(@TargetAggregateIdentifier ThreadId threadId,
                          Long expectedVersion,
                          Deadline deadline,
                          LocalDate businessDate) implements VersionedCommand {
}
