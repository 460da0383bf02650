package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import java.time.LocalDate;
import java.util.List;

/**
 * An open proposal of dates.
 *
 * @param proposedBy the parties proposing: all senders of a joint letter
 * @param counters   the proposal this one answered, or {@code null}
 */
public record ProposalView(String proposalId, List<Party> proposedBy, List<ProposedSlot> slots, Location location,
                           String counters, LocalDate proposedOn) {
}
