package dk.dialogue.ledger.command.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.document.DocumentStore;
import dk.dialogue.ledger.command.store.ThreadCache;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;

/**
 * The group commit on real PostgreSQL, with a handler that writes documents as commands do. Commands are queued before
 * the single writer starts, so they form one batch.
 */
@CommandSideIntegrationTest
class GroupCommitIT {

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DocumentStore documents;
    @Autowired
    JdbcTemplate jdbc;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private GroupCommit groupCommit;

    @AfterEach
    void stop() {
        groupCommit.stop();
        callers.shutdownNow();
    }

    @Test
    void commands_queued_together_share_one_transaction_and_a_failing_one_undoes_only_its_own_writes() {
        String run = Long.toString(System.nanoTime());
        groupCommit = new GroupCommit(storingHandler(), transactions, new ThreadCache(10), 1, 64,
                new SimpleMeterRegistry());
        List<CompletableFuture<Object>> answers = sendQueued("first " + run, "refused " + run, "third " + run);

        groupCommit.start();

        String firstTransaction = (String) answers.get(0).join();
        assertThat(answers.get(2).join()).as("the third command's transaction").isEqualTo(firstTransaction);
        assertThat(answers.get(1)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(Exception.class).withRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(stored("first " + run)).isTrue();
        assertThat(stored("third " + run)).isTrue();
        assertThat(stored("refused " + run)).as("the refused command's document").isFalse();
    }

    @Test
    void a_batch_that_does_not_commit_fails_every_command_in_it_and_evicts_their_threads() {
        String run = Long.toString(System.nanoTime());
        Cache threads = new ThreadCache(10);
        threads.put("thread-first " + run, "state the batch would have made durable");
        threads.put("thread-second " + run, "state the batch would have made durable");
        groupCommit = new GroupCommit(storingHandler(), new FailingCommits(transactions), threads, 1, 64,
                new SimpleMeterRegistry());
        List<CompletableFuture<Object>> answers = sendQueued("first " + run, "second " + run);

        groupCommit.start();

        for (CompletableFuture<Object> answer : answers) {
            assertThat(answer).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(Exception.class).withRootCauseInstanceOf(TransactionSystemException.class);
        }
        assertThat(stored("first " + run)).isFalse();
        assertThat(stored("second " + run)).isFalse();
        assertThat(threads.containsKey("thread-first " + run)).isFalse();
        assertThat(threads.containsKey("thread-second " + run)).isFalse();
    }

    @Test
    void commands_are_refused_once_it_stops() {
        groupCommit = new GroupCommit(storingHandler(), transactions, new ThreadCache(10), 1, 64,
                new SimpleMeterRegistry());
        groupCommit.start();
        String run = Long.toString(System.nanoTime());
        assertThat(groupCommit.send("thread", GenericCommandMessage.asCommandMessage("before " + run))).isNotNull();
        groupCommit.stop();
        assertThatThrownBy(() -> groupCommit.send("thread", GenericCommandMessage.asCommandMessage("after " + run)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stored("after " + run)).isFalse();
    }

    /** Stores the command's text as a document in the command's savepoint; refuses texts starting with "refused". */
    private Function<CommandMessage<?>, Object> storingHandler() {
        CommandTransactions savepoints = new CommandTransactions(transactions);
        return command -> savepoints.fetchInTransaction(() -> {
            String text = (String) command.getPayload();
            documents.store(Document.text(text));
            if (text.startsWith("refused")) {
                throw new IllegalArgumentException("refused after writing");
            }
            return jdbc.queryForObject("SELECT pg_current_xact_id()::text", String.class);
        });
    }

    /** Sends each text as a command from a thread of its own and returns once all of them wait in the queue. */
    private List<CompletableFuture<Object>> sendQueued(String... texts) {
        List<CompletableFuture<Object>> answers = Arrays.stream(texts)
                .map(text -> CompletableFuture.supplyAsync(() -> groupCommit.send("thread-" + text,
                        GenericCommandMessage.asCommandMessage(text)), callers))
                .toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (groupCommit.queued() < texts.length) {
            assertThat(System.nanoTime()).as("all commands queued in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return answers;
    }

    private boolean stored(String text) {
        return !documents.find(Document.text(text).sha256()).isEmpty();
    }

    /** Rolls back every batch instead of committing it, as a failed commit does. */
    private record FailingCommits(PlatformTransactionManager real) implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return real.getTransaction(definition);
        }

        @Override
        public void commit(TransactionStatus status) {
            real.rollback(status);
            throw new TransactionSystemException("the commit failed");
        }

        @Override
        public void rollback(TransactionStatus status) {
            real.rollback(status);
        }
    }
}
