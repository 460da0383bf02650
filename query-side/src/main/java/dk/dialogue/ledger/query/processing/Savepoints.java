package dk.dialogue.ledger.query.processing;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a projection's writes for one event behind a savepoint. A failing SQL statement aborts a
 * PostgreSQL transaction; without the savepoint the dead-letter queue could not record the failure in the
 * batch's transaction, and the whole batch would fail again and again.
 */
@Component
public class Savepoints {

    private final TransactionTemplate nested;

    public Savepoints(PlatformTransactionManager transactions) {
        nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public void run(Runnable writes) {
        nested.executeWithoutResult(status -> writes.run());
    }
}
