package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The meeting will not take place. */
@Revision("1")
public record MeetingCancelled(ThreadId threadId,
                               Party cancelledBy,
                               String reason,
                               LocalDate businessDate) implements ThreadEvent {
}
