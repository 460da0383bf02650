package dk.dialogue.ledger.query.eventstore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the processors' event streams that the event store's tail reader has new events for them. Axon's
 * pooled processors otherwise look for new events only every 500 ms once they have caught up (an embedded
 * event store's streams offer no availability callback), which was most of the projection lag.
 * <p>
 * Wake-ups come at most once per {@code interval}: the first events after a quiet spell wake the processors at
 * once, a busy stream lets its events gather for a batch (one transaction and token update per processor for
 * many events instead of one each). No wake-up is lost: a signal during or after one schedules the next.
 */
public final class EventArrivals implements AutoCloseable {

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final long intervalNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-arrivals");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastWakeUp = System.nanoTime() - Long.MAX_VALUE / 2;

    public EventArrivals(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Calls {@code listener} whenever events arrive, until {@link #remove}. */
    void add(Runnable listener) {
        listeners.add(listener);
    }

    void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /** New events are readable from the shared tail: wakes every listener, now or when the interval is over. */
    void signal() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastWakeUp + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            wakeUp();
        } else {
            timer.schedule(this::wakeUp, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void wakeUp() {
        lastWakeUp = System.nanoTime();
        // Cleared before the listeners run: events arriving meanwhile schedule the next wake-up.
        pending.set(false);
        listeners.forEach(Runnable::run);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
