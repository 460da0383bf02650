package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.events.Attachment;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A letter of a thread as a document list for an access-to-documents request: registered data (with
 * corrections applied) and when and by whom it was registered.
 *
 * @param role         {@code null} for the letter that opened the thread
 * @param registeredAt when the ledger recorded the letter
 * @param registeredBy who recorded it
 * @param corrected    whether its registration was corrected later
 */
public record DocumentEntry(String letterId, LetterRole role, LocalDate letterDate, String subject,
                            List<Reference> references, List<Party> senders, List<Person> signatories,
                            List<Recipient> recipients, List<Attachment> attachments, String textSha256,
                            boolean corrected, Instant registeredAt, String registeredBy) {
}
