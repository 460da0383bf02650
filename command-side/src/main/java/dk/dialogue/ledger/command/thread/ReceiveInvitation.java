package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an invitation, summons or registration call, opening a new thread. */
public record ReceiveInvitation(@TargetAggregateIdentifier ThreadId threadId,
                                LetterId letterId,
                                ThreadKind kind,
                                Letter letter,
                                List<Party> inviting,
                                List<Party> invited,
                                ProposalId proposalId,
                                List<ProposedSlot> slots,
                                Location location,
                                Deadline deadline,
                                List<Document> documents) implements CarriesDocuments {

    /** A letter may propose no date at all; absent lists read as empty. */
    public ReceiveInvitation {
        inviting = inviting == null ? List.of() : inviting;
        invited = invited == null ? List.of() : invited;
        slots = slots == null ? List.of() : slots;
        documents = documents == null ? List.of() : documents;
    }
}
