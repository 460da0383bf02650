package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;

/** An invited party's latest answer to a registration call. */
public record RegistrationView(Party party, ParticipationAnswer answer, boolean late, LocalDate answeredOn) {
}
