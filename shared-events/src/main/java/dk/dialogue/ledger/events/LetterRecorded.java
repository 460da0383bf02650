package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A later letter of the thread was registered: a reply, reminder or follow-up.
 *
 * @param businessDate the letter's date
 */
@Revision("1")
public record LetterRecorded(ThreadId threadId,
                             LetterId letterId,
                             LetterRole role,
                             Letter letter,
                             LocalDate businessDate) implements ThreadEvent {
}
