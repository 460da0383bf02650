package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.ThreadId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a later letter of the thread: a reply, reminder or follow-up. */
public record RecordLetter(@TargetAggregateIdentifier ThreadId threadId,
                           Long expectedVersion,
                           LetterId letterId,
                           LetterRole role,
                           Letter letter,
                           List<Document> documents) implements VersionedCommand, CarriesDocuments {
}
