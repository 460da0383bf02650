package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.ProposedSlot;
import java.util.List;

/** A proposal as the aggregate remembers it: who made it, its slots, and whether it can still be accepted. */
record ProposalState(String proposerKey, List<ProposedSlot> slots, Location location, boolean open) {

    ProposalState closed() {
        return new ProposalState(proposerKey, slots, location, false);
    }
}
