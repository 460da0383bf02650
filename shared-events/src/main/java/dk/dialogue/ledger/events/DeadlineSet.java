package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The thread's response or registration deadline was set or moved. */
@Revision("1")
public record DeadlineSet(ThreadId threadId,
                          Deadline deadline,
                          LocalDate businessDate) implements ThreadEvent {
}
