package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a scheduled meeting to a new slot. */
public record RescheduleMeeting(@TargetAggregateIdentifier ThreadId threadId,
                                Long expectedVersion,
                                ProposedSlot newSlot,
                                Location location,
                                Party requestedBy,
                                String reason,
                                RescheduleBasis basis,
                                LetterId basedOnLetter,
                                LocalDate businessDate) implements VersionedCommand {
}
