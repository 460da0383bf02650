package dk.dialogue.ledger.command.store;

import dk.dialogue.ledger.command.commit.CommandWrites;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, except that a command's events are not written when Axon appends them but put among the
 * command's other writes ({@link CommandWrites}), which are written together, possibly with other commands'.
 */
public class LedgerEventStorageEngine extends JdbcEventStorageEngine {

    LedgerEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Optional<CommandWrites> writes = CommandWrites.current();
        if (writes.isPresent()) {
            writes.get().addEvents(events);
        } else {
            super.appendEvents(events, serializer);
        }
    }

    /** Writes the events in the calling thread's transaction; a concurrent append fails as Axon's would. */
    public void appendNow(List<? extends EventMessage<?>> events) {
        super.appendEvents(events, getEventSerializer());
    }
}
