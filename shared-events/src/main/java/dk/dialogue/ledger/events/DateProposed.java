package dk.dialogue.ledger.events;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A participant proposed one or more alternative slots.
 *
 * @param counters     the earlier proposal this one answers and replaces, or {@code null}
 * @param location     proposed place, or {@code null}
 * @param businessDate the date of the proposal (its letter's date)
 */
@Revision("1")
public record DateProposed(ThreadId threadId,
                           ProposalId proposalId,
                           Party proposedBy,
                           List<ProposedSlot> slots,
                           Location location,
                           ProposalId counters,
                           LocalDate businessDate) implements ThreadEvent {

    public DateProposed {
        slots = Lists.copy(slots);
    }
}
