package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The proposing party withdrew an open proposal; its slots can no longer be accepted. */
@Revision("1")
public record ProposalWithdrawn(ThreadId threadId,
                                ProposalId proposalId,
                                Party withdrawnBy,
                                String reason,
                                LocalDate businessDate) implements ThreadEvent {
}
