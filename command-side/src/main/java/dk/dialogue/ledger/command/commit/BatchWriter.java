package dk.dialogue.ledger.command.commit;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.document.DocumentStore;
import dk.dialogue.ledger.command.idempotency.DuplicateRequest;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecord;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecords;
import dk.dialogue.ledger.command.store.LedgerEventStorageEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;

/**
 * Writes the writes of one or more commands in the caller's transaction, one statement batch a table: documents
 * (each text once), events, Idempotency-Key records.
 */
public class BatchWriter {

    private final DocumentStore documents;
    private final LedgerEventStorageEngine events;
    private final IdempotencyRecords records;

    public BatchWriter(DocumentStore documents, LedgerEventStorageEngine events, IdempotencyRecords records) {
        this.documents = documents;
        this.events = events;
        this.records = records;
    }

    /**
     * @throws DuplicateRequest when an Idempotency-Key already has a record (a copy of the request got there first);
     *                          the caller's transaction must then be rolled back
     */
    public void write(List<CommandWrites> commands) {
        Map<String, Document> distinct = new LinkedHashMap<>();
        commands.forEach(command -> command.documents().forEach(document -> distinct.putIfAbsent(document.sha256(),
                document)));
        documents.storeAll(distinct.values());
        List<EventMessage<?>> appended = commands.stream().flatMap(command -> command.events().stream()).toList();
        events.appendNow(appended);
        List<IdempotencyRecord> refused = records.recordAll(commands.stream()
                .flatMap(command -> command.records().stream()).toList());
        if (!refused.isEmpty()) {
            throw new DuplicateRequest(refused.get(0).key());
        }
    }
}
