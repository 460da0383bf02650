package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Amend the registered data of a letter of this thread; the original stays in the history. */
public record CorrectRecord(@TargetAggregateIdentifier ThreadId threadId,
                            Long expectedVersion,
                            LetterId letterId,
                            Letter correctedLetter,
                            String reason,
                            LocalDate businessDate,
                            List<Document> documents) implements VersionedCommand, CarriesDocuments {
}
