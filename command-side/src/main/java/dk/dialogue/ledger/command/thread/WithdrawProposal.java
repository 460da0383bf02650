package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an open proposal; only the party that made it may. */
public record WithdrawProposal(@TargetAggregateIdentifier ThreadId threadId,
                               Long expectedVersion,
                               ProposalId proposalId,
                               Party withdrawnBy,
                               String reason,
                               LocalDate businessDate) implements VersionedCommand {
}
