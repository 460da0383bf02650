package dk.dialogue.ledger.benchmark;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a fixed rate whatever the answers, and measures each from the moment it was due, not
 * from when it was actually sent: when the service falls behind, the queue it builds shows in the latency
 * instead of silently lowering the rate (coordinated omission). Requests never sent because the sender
 * fell too far behind count as errors.
 */
final class OpenLoop {

    /** Requests in flight at most; beyond it the sender waits, and the waiting counts as latency. */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    /** The sender stops when it is this far behind schedule. */
    private static final Duration GIVE_UP_BEHIND = Duration.ofSeconds(30);

    private OpenLoop() {
    }

    /** Each operation answers whether it succeeded. */
    static Outcome run(double perSecond, Duration duration, Supplier<CompletableFuture<Boolean>> operation)
            throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long intervalNanos = Math.round(1e9 / perSecond);
        long count = Math.round(perSecond * duration.toNanos() / 1e9);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > GIVE_UP_BEHIND.toNanos()) {
                // Far behind, the rate is lost anyway; the rest is counted as failed instead of queued for
                // minutes, which would also spill into the next step.
                errors.addAndGet(count - i);
                break;
            }
            inFlight.acquire();
            CompletableFuture<Boolean> answer;
            try {
                answer = operation.get();
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(false);
            }
            answer.whenComplete((ok, failure) -> {
                long micros = (System.nanoTime() - due) / 1_000;
                latencies.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
                completed.incrementAndGet();
                if (failure != null || !Boolean.TRUE.equals(ok)) {
                    errors.incrementAndGet();
                }
                inFlight.release();
            });
        }
        // Stragglers belong to the run: wait for every answer (or its timeout) before reading the figures.
        inFlight.acquire(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(latencies, completed.get(), errors.get(), seconds);
    }
}
