package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close the thread: nothing further is expected. */
public record CloseThread(@TargetAggregateIdentifier ThreadId threadId,
                          Long expectedVersion,
                          String reason,
                          LocalDate businessDate) implements VersionedCommand {
}
