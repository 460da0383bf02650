package dk.dialogue.ledger.events;

import java.time.LocalDate;
import java.util.List;

/**
 * The registered data of one letter. The full text is kept in the document store and referred to by hash,
 * so events stay small and the text can be redacted without touching the history.
 *
 * @param letterDate  the date printed on the letter (its business date)
 * @param references  case and document references, in the order printed
 * @param subject     the letter's subject line
 * @param senders     the bodies writing, one or several
 * @param signatories the people signing, with titles
 * @param recipients  bodies, named people or roles addressed
 * @param attachments attached documents by name and hash
 * @param textSha256  lower-case hex SHA-256 of the letter's full text
 */
public record Letter(LocalDate letterDate,
                     List<Reference> references,
                     String subject,
                     List<Party> senders,
                     List<Person> signatories,
                     List<Recipient> recipients,
                     List<Attachment> attachments,
                     String textSha256) {

    public Letter {
        references = Lists.copy(references);
        senders = Lists.copy(senders);
        signatories = Lists.copy(signatories);
        recipients = Lists.copy(recipients);
        attachments = Lists.copy(attachments);
    }
}
