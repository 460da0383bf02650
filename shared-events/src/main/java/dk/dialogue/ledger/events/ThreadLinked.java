package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** This thread was linked to another, e.g. as the follow-up of an earlier visit. */
@Revision("1")
public record ThreadLinked(ThreadId threadId,
                           ThreadId linkedThreadId,
                           LinkType linkType,
                           String note,
                           LocalDate businessDate) implements ThreadEvent {
}
