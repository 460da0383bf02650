package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.ProposedSlot;
import java.util.List;
import java.util.Set;

/**
 * A proposal as the aggregate remembers it: who made it (all senders of a joint letter), its slots, and
 * whether it can still be accepted.
 */
record ProposalState(Set<String> proposerKeys, List<ProposedSlot> slots, Location location, boolean open) {

    boolean madeBy(String partyKey) {
        return proposerKeys.contains(partyKey);
    }

    ProposalState closed() {
        return new ProposalState(proposerKeys, slots, location, false);
    }
}
