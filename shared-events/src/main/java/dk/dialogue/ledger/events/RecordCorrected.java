package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Registered letter data was amended. The original registration stays in the history; this event
 * states what the letter says according to the correction.
 *
 * @param correctedLetter the letter's data as it should have been registered
 * @param businessDate    the date the correction takes effect
 */
@Revision("1")
public record RecordCorrected(ThreadId threadId,
                              LetterId letterId,
                              Letter correctedLetter,
                              String reason,
                              LocalDate businessDate) implements ThreadEvent {
}
