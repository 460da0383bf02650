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
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: commands are decided concurrently on their requests' threads, and their writes are handed to one
 * writer thread, which writes all that queued while it was busy in one transaction, a statement batch per table, and
 * answers every command once that transaction has committed. A batch costs one commit and one wait for the
 * write-ahead log's flush however many commands it holds, and it holds more the busier the ledger is: a lone command
 * waits for nobody.
 * <p>
 * Each command holds its thread's lock until it is answered, so a thread's next command is decided on the committed
 * state and written in a later transaction: a thread's events keep their order, also in the readers' commit order
 * (a transaction takes its id at its first write, after every command in it was decided). When a batch fails (a
 * concurrent append by another instance, an Idempotency-Key a copy of the request took first, a lock cycle), it is
 * rolled back and each of its commands written alone, so that only the command at fault fails.
 */
public final class GroupCommit implements Consumer<CommandWrites>, SmartLifecycle, DisposableBean {

    private static final long POLL_MILLIS = 100;

    private final BatchWriter writer;
    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread = new Thread(this::write, "ledger-group-commit");
    private final DistributionSummary batchSizes;
    private volatile boolean started;
    private volatile boolean stopping;

    /**
     * @param writer       writes a batch in the calling thread's transaction
     * @param transactions the batches' transactions
     * @param maxBatch     the most commands one transaction holds
     */
    public GroupCommit(BatchWriter writer, PlatformTransactionManager transactions, int maxBatch,
                       MeterRegistry meters) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch must hold at least one command");
        }
        this.writer = writer;
        this.transactions = new TransactionTemplate(transactions);
        this.maxBatch = maxBatch;
        // A daemon, so that a start-up that fails after it started (a port in use) does not keep the JVM alive.
        this.thread.setDaemon(true);
        this.batchSizes = DistributionSummary.builder("ledger.commands.batch.size")
                .description("Commands written in one transaction by the group commit")
                .register(meters);
        Gauge.builder("ledger.commands.queued", queue, BlockingQueue::size)
                .description("Commands decided and waiting to be written by the group commit")
                .register(meters);
    }

    /** Writes the command's writes with those of other commands; returns once they are durable, or throws. */
    @Override
    public void accept(CommandWrites writes) {
        if (stopping) {
            throw new IllegalStateException("the command side is stopping and takes no more commands");
        }
        Pending pending = new Pending(writes, new CompletableFuture<>());
        queue.add(pending);
        while (true) {
            try {
                pending.written.get(1, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (TimeoutException e) {
                // Not an answer: only a writer that has stopped with this command still queued ends the wait.
                if (stopping && !thread.isAlive() && queue.remove(pending)) {
                    throw new IllegalStateException("the command side stopped before the command was written");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the command was being written", e);
            }
        }
    }

    /** Commands waiting to be written. */
    public int queued() {
        return queue.size();
    }

    @Override
    public void start() {
        started = true;
        thread.start();
    }

    /** Stops taking commands and writes what is queued (the web server has drained by then). */
    @Override
    public void stop() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Also when the context closes without stopping its lifecycle beans (a failed start-up). */
    @Override
    public void destroy() {
        stop();
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

    private void write() {
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
        batchSizes.record(batch.size());
        try {
            writeInOneTransaction(batch);
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).written.completeExceptionally(e);
                return;
            }
            for (Pending pending : batch) {
                try {
                    writeInOneTransaction(List.of(pending));
                } catch (RuntimeException | Error alone) {
                    pending.written.completeExceptionally(alone);
                }
            }
        }
    }

    /** Writes the commands' writes in one transaction and, once it has committed, answers them. */
    private void writeInOneTransaction(List<Pending> commands) {
        transactions.executeWithoutResult(status -> writer.write(commands.stream().map(Pending::writes).toList()));
        commands.forEach(pending -> pending.written.complete(null));
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

    private record Pending(CommandWrites writes, CompletableFuture<Void> written) {
    }
}
