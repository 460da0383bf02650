package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The thread needs no further action. */
@Revision("1")
public record ThreadClosed(ThreadId threadId,
                           String reason,
                           LocalDate businessDate) implements ThreadEvent {
}
