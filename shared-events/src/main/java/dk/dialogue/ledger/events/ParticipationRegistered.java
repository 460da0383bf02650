package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An invited party answered a registration call.
 *
 * @param late         true when the answer is dated after the registration deadline; it is accepted all the same
 * @param businessDate the date of the answer
 */
@Revision("1")
public record ParticipationRegistered(ThreadId threadId,
                                      Party party,
                                      ParticipationAnswer answer,
                                      boolean late,
                                      LocalDate businessDate) implements ThreadEvent {
}
