package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The scheduled meeting took place.
 *
 * @param plannedSlot  the slot it was scheduled for
 * @param location     where it was actually held, or {@code null} when as planned
 * @param note         free remark, or {@code null}
 * @param businessDate the date it was actually held, which may differ from the plan
 */
@Revision("1")
public record MeetingHeld(ThreadId threadId,
                          ProposedSlot plannedSlot,
                          Location location,
                          String note,
                          LocalDate businessDate) implements ThreadEvent {
}
