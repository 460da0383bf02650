package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Propose one or more alternative slots, possibly countering an earlier proposal. */
public record ProposeDate(@TargetAggregateIdentifier ThreadId threadId,
                          Long expectedVersion,
                          ProposalId proposalId,
                          Party proposedBy,
                          List<ProposedSlot> slots,
                          Location location,
                          ProposalId counters,
                          LocalDate businessDate) implements VersionedCommand {

    public ProposeDate {
        slots = slots == null ? List.of() : slots;
    }
}
