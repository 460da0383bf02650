package dk.dialogue.ledger.command.commit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: a few writer threads each take the commands that queued for them while they were busy and handle
 * them one after the other in one database transaction, each command in a savepoint of its own
 * ({@link CommandTransactions}); every caller is answered once that transaction has committed. A batch thus costs
 * one commit and one wait for the write-ahead log's flush however many commands it holds, and it holds more the
 * busier the ledger is: a lone command waits for nobody.
 * <p>
 * A thread's commands always go to the same writer, in the order they were sent, so two commands on one thread
 * never run in two open transactions at once (the aggregate cache sees a command's state before its batch commits).
 * What other instances append is ordered by the database: a transaction cannot append to a thread after events of a
 * younger transaction (the hash-chain trigger refuses it, see {@code V5__commit_order_per_thread.sql}), so readers'
 * commit order stays each thread's order; the refused command is retried like any concurrent append.
 * <p>
 * A command that fails rolls back to its savepoint and is answered with its failure; the others go on. When the
 * batch's commit itself fails, every command that had succeeded is answered with that failure and its thread is
 * evicted from the cache, which held the state the batch had not made durable.
 */
public final class GroupCommit implements CommandSender, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long POLL_MILLIS = 100;

    private final Function<CommandMessage<?>, Object> handler;
    private final TransactionTemplate transactions;
    private final Cache threads;
    private final int maxBatch;
    private final List<Writer> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean started;
    private volatile boolean stopping;

    /**
     * @param handler      handles one command on the calling thread (Axon's gateway on the simple command bus)
     * @param transactions the batch's transactions
     * @param threads      the aggregate cache, evicted for the threads of a batch that did not commit
     * @param writers      how many batches may be open at once, each holding a database connection
     * @param maxBatch     the most commands one transaction holds
     */
    public GroupCommit(Function<CommandMessage<?>, Object> handler, PlatformTransactionManager transactions,
                       Cache threads, int writers, int maxBatch, MeterRegistry meters) {
        if (writers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("group commit needs at least one writer and one command a batch");
        }
        this.handler = handler;
        this.transactions = new TransactionTemplate(transactions);
        this.threads = threads;
        this.maxBatch = maxBatch;
        for (int i = 0; i < writers; i++) {
            this.writers.add(new Writer(i));
        }
        this.batchSizes = DistributionSummary.builder("ledger.commands.batch.size")
                .description("Commands written in one transaction by the group commit")
                .register(meters);
        Gauge.builder("ledger.commands.queued", this, GroupCommit::queued)
                .description("Commands waiting for a group-commit writer")
                .register(meters);
    }

    @Override
    public Object send(String threadId, CommandMessage<?> command) {
        if (stopping) {
            throw new IllegalStateException("the command side is stopping and takes no more commands");
        }
        Writer writer = writers.get(Math.floorMod(threadId.hashCode(), writers.size()));
        Pending pending = new Pending(threadId, command, new CompletableFuture<>());
        writer.queue.add(pending);
        while (true) {
            try {
                return pending.outcome.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (TimeoutException e) {
                // Not an answer: only a writer that has stopped with this command still queued ends the wait.
                if (!writer.thread.isAlive() && writer.queue.remove(pending)) {
                    throw new IllegalStateException("the command side stopped before the command was handled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the command was being written", e);
            }
        }
    }

    /** Commands waiting for a writer, over all writers. */
    public int queued() {
        return writers.stream().mapToInt(writer -> writer.queue.size()).sum();
    }

    @Override
    public void start() {
        started = true;
        writers.forEach(writer -> writer.thread.start());
    }

    /** Stops taking commands and lets the writers finish what is queued (the web server has drained by then). */
    @Override
    public void stop() {
        stopping = true;
        for (Writer writer : writers) {
            try {
                writer.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started && !stopping;
    }

    /** Starts before the web server and stops after its graceful shutdown and its stop, whose phases are higher. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void write(BlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        try {
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        results[i] = handler.apply(batch.get(i).command);
                    } catch (RuntimeException e) {
                        failures[i] = e;
                    }
                }
            });
        } catch (RuntimeException | Error e) {
            LOG.warn("A batch of {} commands did not commit: {}", batch.size(), e.toString());
            for (int i = 0; i < batch.size(); i++) {
                threads.remove(batch.get(i).threadId);
                if (failures[i] == null) {
                    failures[i] = e;
                }
            }
        }
        batchSizes.record(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] == null) {
                batch.get(i).outcome.complete(results[i]);
            } else {
                batch.get(i).outcome.completeExceptionally(failures[i]);
            }
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    private record Pending(String threadId, CommandMessage<?> command, CompletableFuture<Object> outcome) {
    }

    private final class Writer {

        final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Writer(int index) {
            this.thread = new Thread(() -> write(queue), "ledger-writer-" + index);
        }
    }
}
