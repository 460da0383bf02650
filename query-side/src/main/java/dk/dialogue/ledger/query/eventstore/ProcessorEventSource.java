package dk.dialogue.ledger.query.eventstore;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event source of the query side's processors: the embedded event store's streams, which also call the
 * processor back as soon as new events arrive (see {@link EventArrivals}). A processor's view of it can be held
 * back: its streams then offer nothing, for as long as its read model is built another way.
 */
public final class ProcessorEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How often a held-back stream asked to wait for events looks whether it still is. */
    private static final long HELD_BACK_CHECK_MILLIS = 50;

    private final EmbeddedEventStore store;
    private final EventArrivals arrivals;
    private final BooleanSupplier heldBack;

    public ProcessorEventSource(EmbeddedEventStore store, EventArrivals arrivals) {
        this(store, arrivals, () -> false);
    }

    private ProcessorEventSource(EmbeddedEventStore store, EventArrivals arrivals, BooleanSupplier heldBack) {
        this.store = store;
        this.arrivals = arrivals;
        this.heldBack = heldBack;
    }

    /** This source as seen by a processor whose streams offer no events while {@code heldBack} is true. */
    public ProcessorEventSource heldBackWhile(BooleanSupplier heldBack) {
        return new ProcessorEventSource(store, arrivals, heldBack);
    }

    /** Calls the processors' streams back, as new events do: for one no longer held back. */
    public void wakeUp() {
        arrivals.signal();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifyingStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return heldBack.getAsBoolean() ? Optional.empty() : delegate.peek();
        }

        @Override
        public boolean hasNextAvailable() {
            return !heldBack.getAsBoolean() && delegate.hasNextAvailable();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!heldBack.getAsBoolean()) {
                return delegate.hasNextAvailable(timeout, unit);
            }
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (heldBack.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(HELD_BACK_CHECK_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            long left = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime()));
            return delegate.hasNextAvailable((int) Math.min(Integer.MAX_VALUE, left), TimeUnit.MILLISECONDS);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (heldBack.getAsBoolean()) {
                Thread.sleep(HELD_BACK_CHECK_MILLIS);
            }
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                arrivals.remove(previous);
            }
            this.callback = callback;
            arrivals.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                arrivals.remove(registered);
            }
            delegate.close();
        }
    }
}
