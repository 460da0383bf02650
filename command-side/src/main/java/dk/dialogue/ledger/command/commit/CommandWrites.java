package dk.dialogue.ledger.command.commit;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What one command writes: its documents, its events and its Idempotency-Key's record. Collected while the command is
 * handled and written together once it has been decided ({@link CommandWritesInterceptor}), so that they are stored
 * in one transaction or not at all.
 */
public final class CommandWrites {

    private static final String RESOURCE = CommandWrites.class.getName();

    private final List<Document> documents = new ArrayList<>();
    private final List<EventMessage<?>> events = new ArrayList<>();
    private final List<IdempotencyRecord> records = new ArrayList<>();

    /** The writes of the command the current unit of work handles, if it collects them. */
    public static Optional<CommandWrites> current() {
        return CurrentUnitOfWork.isStarted()
                ? Optional.ofNullable(CurrentUnitOfWork.get().getResource(RESOURCE)) : Optional.empty();
    }

    static CommandWrites collectFor(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(RESOURCE, key -> new CommandWrites());
    }

    public void add(Document document) {
        documents.add(document);
    }

    public void add(IdempotencyRecord record) {
        records.add(record);
    }

    public void addEvents(List<? extends EventMessage<?>> appended) {
        events.addAll(appended);
    }

    List<Document> documents() {
        return documents;
    }

    List<EventMessage<?>> events() {
        return events;
    }

    List<IdempotencyRecord> records() {
        return records;
    }

    boolean isEmpty() {
        return documents.isEmpty() && events.isEmpty() && records.isEmpty();
    }
}
