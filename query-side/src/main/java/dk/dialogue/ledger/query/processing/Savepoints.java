package dk.dialogue.ledger.query.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the SQL a projection needs while handling one event so that a failing statement fails that event alone. A
 * failing SQL statement aborts a PostgreSQL transaction; the dead-letter queue could then not record the failure in
 * the batch's transaction, and the whole batch would fail again and again. Projections buffer their writes for the
 * batch ({@link BatchBuffer}), so only their reads run while an event is handled.
 * <p>
 * Rebuilds and the retries of dead letters read behind a savepoint. A live processor's batch ({@link #liveBatches})
 * reads without one, as its reads practically never fail and a savepoint costs two round trips (the benchmark's
 * 1.17 pairs a command, about 0.08 ms of CPU each); when such a read does fail, the batch is made to fail as a whole,
 * a processor (of this instance or another) retries it when it claims the segment again, seconds later, and for
 * {@link #GUARDED_AFTER_FAILURE} every read of this instance is guarded, so the retry dead-letters the failing event
 * as before.
 */
@Component
public class Savepoints {

    /** How long reads stay behind savepoints after a live batch's read failed: well beyond the batch's retry. */
    static final Duration GUARDED_AFTER_FAILURE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(Savepoints.class);
    private static final String LIVE_BATCH = Savepoints.class.getName() + ".live";
    private static final String RETRYING = Savepoints.class.getName() + ".retrying";

    private final TransactionTemplate nested;
    private final Clock clock;
    private volatile Instant guardedUntil = Instant.MIN;

    public Savepoints(PlatformTransactionManager transactions, Clock clock) {
        nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    public <T> T read(Supplier<T> read) {
        UnitOfWork<?> liveBatch = liveBatch();
        if (liveBatch == null || guarded()) {
            return nested.execute(status -> read.get());
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            guardedUntil = clock.instant().plus(GUARDED_AFTER_FAILURE);
            retryWithSavepoints(liveBatch, e);
            throw e;
        }
    }

    /** Whether reads run behind savepoints everywhere, as they do for a while after a live batch's read failed. */
    public boolean guarded() {
        return clock.instant().isBefore(guardedUntil);
    }

    /** Marks the batches of the processor it is registered with as live ones, whose reads need no savepoint. */
    public MessageHandlerInterceptor<EventMessage<?>> liveBatches() {
        return (unitOfWork, chain) -> {
            unitOfWork.root().resources().putIfAbsent(LIVE_BATCH, Boolean.TRUE);
            return chain.proceed();
        };
    }

    private static UnitOfWork<?> liveBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.resources().containsKey(LIVE_BATCH) ? root : null;
    }

    /**
     * The failed statement may have aborted the transaction, or may not have (a row that does not decode): either
     * way nothing of this attempt commits, not even a dead letter, and the retry reads behind savepoints.
     */
    private static void retryWithSavepoints(UnitOfWork<?> batch, RuntimeException failure) {
        if (batch.resources().putIfAbsent(RETRYING, Boolean.TRUE) != null) {
            return;
        }
        LOG.warn("A projection's read failed outside a savepoint; its batch is rolled back and retried with "
                + "savepoints for the next {}: {}", GUARDED_AFTER_FAILURE, failure.getMessage());
        batch.onPrepareCommit(u -> {
            throw new ReadOutsideSavepointFailed(failure);
        });
    }

    /** Fails a live batch whose read failed outside a savepoint, so that its processor retries it with savepoints. */
    static final class ReadOutsideSavepointFailed extends IllegalStateException {

        ReadOutsideSavepointFailed(RuntimeException failure) {
            super("A read failed outside a savepoint; the batch is retried with savepoints", failure);
        }
    }
}
