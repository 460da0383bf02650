package dk.dialogue.ledger.command.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.idempotency.DuplicateRequest;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecord;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecords;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group commit on real PostgreSQL, with commands' writes made by hand. They are queued before its writer starts,
 * so they form one batch.
 */
@CommandSideIntegrationTest
class GroupCommitIT {

    @Autowired
    BatchWriter writer;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    IdempotencyRecords records;
    @Autowired
    JdbcTemplate jdbc;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final String run = Long.toString(System.nanoTime());
    private GroupCommit groupCommit;

    @BeforeEach
    void groupCommit() {
        groupCommit = new GroupCommit(writer, transactions, 64, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        groupCommit.stop();
        callers.shutdownNow();
    }

    @Test
    void writes_of_commands_queued_together_commit_in_one_transaction() throws InterruptedException {
        List<CompletableFuture<Void>> answers = sendQueued(writes("first"), writes("second"), writes("third"));
        // Longer than a caller waits between its checks: a writer that has not started yet is no reason to give up.
        Thread.sleep(1_500);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        groupCommit.start();

        answers.forEach(CompletableFuture::join);
        assertThat(jdbc.queryForList("SELECT DISTINCT xmin::text FROM document WHERE sha256 IN (?, ?, ?)",
                String.class, sha256("first"), sha256("second"), sha256("third"))).hasSize(1);
    }

    @Test
    void a_command_whose_key_a_copy_took_first_fails_alone_and_leaves_nothing_behind() {
        IdempotencyRecord taken = new IdempotencyRecord("clerk", "key " + run, "fingerprint", 3);
        new TransactionTemplate(transactions).executeWithoutResult(status -> records.recordAll(List.of(taken)));
        CommandWrites copy = writes("copy");
        copy.add(taken);
        List<CompletableFuture<Void>> answers = sendQueued(writes("before"), copy, writes("after"));

        groupCommit.start();

        answers.get(0).join();
        answers.get(2).join();
        assertThat(answers.get(1)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).havingRootCause().isInstanceOf(DuplicateRequest.class);
        assertThat(stored("before")).isTrue();
        assertThat(stored("after")).isTrue();
        assertThat(stored("copy")).as("the copy's document").isFalse();
    }

    @Test
    void of_two_copies_in_one_batch_the_first_is_written_and_the_second_fails_as_a_duplicate() {
        IdempotencyRecord key = new IdempotencyRecord("clerk", "copied " + run, "fingerprint", 2);
        CommandWrites original = writes("original");
        original.add(key);
        CommandWrites copy = writes("copy of the original");
        copy.add(key);
        List<CompletableFuture<Void>> answers = sendQueued(original, copy);

        groupCommit.start();

        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        assertThat(answers).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(1);
        assertThat(stored("original") ^ stored("copy of the original")).as("exactly one copy's document").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?",
                Long.class, key.key())).isEqualTo(1);
    }

    @Test
    void commands_are_refused_once_it_stops() {
        groupCommit.start();
        groupCommit.accept(writes("before stop"));
        groupCommit.stop();

        assertThatThrownBy(() -> groupCommit.accept(writes("after stop"))).isInstanceOf(IllegalStateException.class);
        assertThat(stored("before stop")).isTrue();
        assertThat(stored("after stop")).isFalse();
    }

    private CommandWrites writes(String text) {
        CommandWrites writes = new CommandWrites();
        writes.add(Document.text(text + " " + run));
        return writes;
    }

    private String sha256(String text) {
        return Document.text(text + " " + run).sha256();
    }

    private boolean stored(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM document WHERE sha256 = ?", Long.class, sha256(text)) == 1;
    }

    /** Hands each command's writes over from a thread of its own; returns once all of them wait in the queue. */
    private List<CompletableFuture<Void>> sendQueued(CommandWrites... commands) {
        List<CompletableFuture<Void>> answers = Arrays.stream(commands)
                .map(writes -> CompletableFuture.runAsync(() -> groupCommit.accept(writes), callers))
                .toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (groupCommit.queued() < commands.length) {
            assertThat(System.nanoTime()).as("all commands queued in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return answers;
    }
}
