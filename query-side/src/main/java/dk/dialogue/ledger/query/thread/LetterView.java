package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Attachment;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import java.time.LocalDate;
import java.util.List;

/**
 * A letter of the thread as currently registered (corrections applied).
 *
 * @param role      the part it plays; {@code null} for the letter that opened the thread
 * @param corrected whether its registration was corrected since
 */
public record LetterView(String letterId, LetterRole role, LocalDate letterDate, String subject,
                         List<Reference> references, List<Party> senders, List<Person> signatories,
                         List<Recipient> recipients, List<Attachment> attachments, String textSha256,
                         boolean corrected) {
}
