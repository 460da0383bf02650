package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An invited party declines the invitation or summons. */
public record DeclineInvitation(@TargetAggregateIdentifier ThreadId threadId,
                                Long expectedVersion,
                                Party declinedBy,
                                String reason,
                                LocalDate businessDate) implements VersionedCommand {
}
