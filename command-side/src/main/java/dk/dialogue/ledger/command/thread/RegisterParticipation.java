package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an invited party's answer to a registration call. */
public record RegisterParticipation(@TargetAggregateIdentifier ThreadId threadId,
                                    Long expectedVersion,
                                    Party party,
                                    ParticipationAnswer answer,
                                    LocalDate businessDate) implements VersionedCommand {
}
