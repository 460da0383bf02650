package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the scheduled meeting took place.
 *
 * @param businessDate the date it was actually held
 */
public record RecordMeetingHeld(@TargetAggregateIdentifier ThreadId threadId,
                                Long expectedVersion,
                                Location location,
                                String note,
                                LocalDate businessDate) implements VersionedCommand {
}
