package dk.dialogue.ledger.query.audit.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Verifies on a thread of its own while the caller reads: decoding the stored rows into events and hashing them
 * each take a good part of a verification's time in the JVM, and on two cores they overlap instead of taking
 * turns. Events go over in batches, and only a few batches wait, so little is held.
 */
final class Handover implements AutoCloseable {

    private static final int BATCH = 256;
    private static final int WAITING = 8;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-verification");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Streams a source's events into the consumer on the worker, and returns once the consumer has taken every
     * event read or said it wants no more; the source is told to stop soon after that, and what it read past that
     * point is dropped.
     *
     * @param source   reads events into the sink it is given until the sink returns {@code false}
     * @param consumer takes the events in order; {@code false} when it wants no more
     */
    void stream(Consumer<Predicate<StoredEvent>> source, Predicate<StoredEvent> consumer) {
        Stream stream = new Stream(consumer);
        try {
            source.accept(stream::add);
            stream.handOver();
        } catch (RuntimeException | Error failure) {
            // Even when reading failed, the worker must be done with the consumer before anyone else touches it.
            stream.stopped.set(true);
            try {
                stream.awaitAll();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        stream.awaitAll();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private final class Stream {

        private final Predicate<StoredEvent> consumer;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Deque<Future<?>> handedOver = new ArrayDeque<>();
        private List<StoredEvent> batch = new ArrayList<>(BATCH);

        private Stream(Predicate<StoredEvent> consumer) {
            this.consumer = consumer;
        }

        private boolean add(StoredEvent e) {
            batch.add(e);
            if (batch.size() == BATCH) {
                handOver();
            }
            return !stopped.get();
        }

        private void handOver() {
            List<StoredEvent> events = batch;
            batch = new ArrayList<>(BATCH);
            if (events.isEmpty() || stopped.get()) {
                return;
            }
            handedOver.add(worker.submit(() -> {
                try {
                    for (StoredEvent e : events) {
                        if (stopped.get() || !consumer.test(e)) {
                            stopped.set(true);
                            return;
                        }
                    }
                } catch (RuntimeException | Error failure) {
                    stopped.set(true);
                    throw failure;
                }
            }));
            if (handedOver.size() > WAITING) {
                await(handedOver.poll());
            }
        }

        private void awaitAll() {
            RuntimeException first = null;
            while (!handedOver.isEmpty()) {
                try {
                    await(handedOver.poll());
                } catch (RuntimeException failure) {
                    first = first == null ? failure : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private void await(Future<?> batchDone) {
            try {
                batchDone.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("verification failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped.set(true);
                throw new IllegalStateException("verification interrupted", e);
            }
        }
    }
}
