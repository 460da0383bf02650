package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import java.util.List;

/** A command bringing letter texts or attachments to be kept in the document store with its events. */
public interface CarriesDocuments {

    List<Document> documents();
}
