package dk.dialogue.ledger.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An invited party declined the invitation or summons. */
@Revision("1")
public record InvitationDeclined(ThreadId threadId,
                                 Party declinedBy,
                                 String reason,
                                 LocalDate businessDate) implements ThreadEvent {
}
