package dk.dialogue.ledger.query.processing;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the SQL a projection needs while handling one event behind a savepoint. A failing SQL statement aborts a
 * PostgreSQL transaction; without the savepoint the dead-letter queue could not record the failure in the
 * batch's transaction, and the whole batch would fail again and again. Projections buffer their writes for the
 * batch ({@link BatchBuffer}), so only their reads run while an event is handled, and an event that needs none
 * costs no round trip.
 */
@Component
public class Savepoints {

    private final TransactionTemplate nested;

    public Savepoints(PlatformTransactionManager transactions) {
        nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public <T> T read(Supplier<T> read) {
        return nested.execute(status -> read.get());
    }
}
