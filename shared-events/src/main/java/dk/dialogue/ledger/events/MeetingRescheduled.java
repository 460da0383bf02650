package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A scheduled meeting moved to another slot.
 *
 * @param location      the new place, or {@code null} when unchanged
 * @param basis         whether a letter states the move or a later letter implies it
 * @param basedOnLetter the letter the move is taken from, or {@code null}
 * @param businessDate  the date the move was decided (its letter's date)
 */
@Revision("1")
public record MeetingRescheduled(ThreadId threadId,
                                 ProposedSlot previousSlot,
                                 ProposedSlot newSlot,
                                 Location location,
                                 Party requestedBy,
                                 String reason,
                                 RescheduleBasis basis,
                                 LetterId basedOnLetter,
                                 LocalDate businessDate) implements ThreadEvent {
}
