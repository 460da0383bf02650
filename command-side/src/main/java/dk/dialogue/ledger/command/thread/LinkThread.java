package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.LinkType;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Link this thread to another one. */
public record LinkThread(@TargetAggregateIdentifier ThreadId threadId,
                         Long expectedVersion,
                         ThreadId linkedThreadId,
                         LinkType linkType,
                         String note,
                         LocalDate businessDate) implements VersionedCommand {
}
