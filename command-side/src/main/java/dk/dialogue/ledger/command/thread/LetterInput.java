package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.web.Violations;
import dk.dialogue.ledger.events.Attachment;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A letter as sent over HTTP: its registered data plus its full text and attachments, which go to the
 * document store while the events keep only their hashes.
 */
public record LetterInput(LocalDate letterDate,
                          List<Reference> references,
                          String subject,
                          List<Party> senders,
                          List<Person> signatories,
                          List<Recipient> recipients,
                          List<AttachmentInput> attachments,
                          String text) {

    private static final String OCTET_STREAM = "application/octet-stream";

    void validate(String field, Violations v) {
        if (!v.required(field, this)) {
            return;
        }
        v.required(field + ".letterDate", letterDate);
        v.list(field + ".references", references, false, v::reference);
        v.requiredText(field + ".subject", subject, Violations.LONG_TEXT);
        v.list(field + ".senders", senders, true, v::party);
        v.list(field + ".signatories", signatories, false, v::person);
        v.list(field + ".recipients", recipients, false, v::recipient);
        v.list(field + ".attachments", attachments, false, (path, attachment) -> attachment.validate(path, v));
        v.requiredText(field + ".text", text, Integer.MAX_VALUE);
    }

    /** The documents to store: the text first, then each attachment. */
    List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        documents.add(Document.text(text));
        for (AttachmentInput attachment : nonNull(attachments)) {
            documents.add(Document.of(attachment.mediaType() == null ? OCTET_STREAM : attachment.mediaType(),
                    Base64.getMimeDecoder().decode(attachment.contentBase64())));
        }
        return documents;
    }

    /** The registered data, referring to the stored documents by hash. */
    Letter toLetter(List<Document> documents) {
        List<AttachmentInput> inputs = nonNull(attachments);
        List<Attachment> stored = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            stored.add(new Attachment(inputs.get(i).name(), documents.get(i + 1).sha256()));
        }
        return new Letter(letterDate, references, subject, senders, signatories, recipients, stored,
                documents.get(0).sha256());
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
