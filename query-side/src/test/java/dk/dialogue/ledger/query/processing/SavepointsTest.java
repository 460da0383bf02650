package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * A live processor's batch reads without savepoints until one of its reads fails; everything else reads behind one.
 */
class SavepointsTest {

    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T20:00:00Z"));
    private final Savepoints savepoints = new Savepoints(transactions, clock());

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void a_read_outside_any_batch_runs_behind_a_savepoint() {
        assertThat(savepoints.read(() -> "row")).isEqualTo("row");

        verifySavepoint();
    }

    @Test
    void a_read_in_a_batch_that_is_not_a_live_processors_runs_behind_a_savepoint() {
        DefaultUnitOfWork.startAndGet(null);

        assertThat(savepoints.read(() -> "row")).isEqualTo("row");

        verifySavepoint();
    }

    @Test
    void a_read_in_a_live_processors_batch_runs_without_a_savepoint() {
        assertThat(inLiveBatch(() -> savepoints.read(() -> "row"))).isEqualTo("row");

        verifyNoSavepoint();
    }

    @Test
    void a_failing_read_in_a_live_batch_fails_the_whole_batch_at_commit_even_if_its_handler_swallowed_the_failure() {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(event());

        var result = batch.executeWithResult(() -> savepoints.liveBatches().handle(batch, () -> {
            try {
                return savepoints.read(() -> {
                    throw new IllegalStateException("relation \"document\" does not exist");
                });
            } catch (IllegalStateException handledAsTheDeadLetterQueueWould) {
                return null;
            }
        }));

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult())
                .isInstanceOf(Savepoints.ReadOutsideSavepointFailed.class)
                .hasRootCauseMessage("relation \"document\" does not exist");
    }

    @Test
    void after_a_failed_read_every_read_is_guarded_for_a_minute_then_live_batches_read_without_savepoints_again() {
        assertThatThrownBy(() -> inLiveBatch(() -> savepoints.read(() -> {
            throw new IllegalStateException("canceling statement due to statement timeout");
        }))).hasMessage("canceling statement due to statement timeout");
        assertThat(savepoints.guarded()).isTrue();

        now.set(now.get().plus(Savepoints.GUARDED_AFTER_FAILURE).minusSeconds(1));
        inLiveBatch(() -> savepoints.read(() -> "row"));
        verifySavepoint();

        clearInvocations(transactions);
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(savepoints.guarded()).isFalse();
        inLiveBatch(() -> savepoints.read(() -> "row"));
        verifyNoSavepoint();
    }

    @Test
    void a_failing_read_behind_a_savepoint_fails_its_event_only_and_guards_nothing_further() {
        DefaultUnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(null);

        assertThatThrownBy(() -> savepoints.read(() -> {
            throw new IllegalStateException("relation \"document\" does not exist");
        })).hasMessage("relation \"document\" does not exist");

        assertThat(savepoints.guarded()).isFalse();
        retry.commit();
    }

    /** Runs {@code work} as a handler of a live processor's batch, which then commits. */
    private <T> T inLiveBatch(Supplier<T> work) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(event());
        var result = batch.executeWithResult(() -> savepoints.liveBatches().handle(batch, work::get));
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        @SuppressWarnings("unchecked")
        T payload = (T) result.getPayload();
        return payload;
    }

    private void verifySavepoint() {
        verify(transactions).getTransaction(argThat(definition ->
                definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_NESTED));
    }

    private void verifyNoSavepoint() {
        verify(transactions, never()).getTransaction(any());
    }

    private static EventMessage<?> event() {
        return GenericEventMessage.asEventMessage("an event");
    }

    private Clock clock() {
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenAnswer(call -> now.get());
        return clock;
    }
}
