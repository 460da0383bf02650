package dk.dialogue.ledger.query.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Decodes each stored event once for all the processors that read the history on their own (a replay, a
 * processor far behind, a rebuild): every stream reading a stored event that another has just read gets the
 * other's message instead of its own copy, so the payload, metadata and timestamp are deserialised once, by the
 * first handler to touch them (Axon's lazy message fields keep what they decoded). A replay profile had every
 * processor spending about a third of its time deserialising the events that the three others had deserialised
 * too. Processors at the tail already share messages through the embedded event store's own cache, so only
 * private streams come through here.
 * <p>
 * Holds the messages of the {@code capacity} stored events read last. An event that fails to decode fails again
 * wherever it is touched (nothing is kept of a failed attempt), so each handler dead-letters it as without
 * sharing.
 */
final class SharedDecoding {

    private final int capacity;
    /** The events read last, eldest first; each stored event's messages (several if an upcaster split it). */
    private final Map<TrackingToken, List<TrackedEventMessage<?>>> read;
    private final Counter shared;
    private final Counter own;

    SharedDecoding(int capacity, MeterRegistry meters) {
        this.capacity = capacity;
        this.read = new LinkedHashMap<>(Math.max(16, capacity * 4 / 3 + 1)) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TrackingToken, List<TrackedEventMessage<?>>> eldest) {
                return size() > capacity;
            }
        };
        this.shared = Counter.builder("ledger.event.decoding").tag("result", "shared")
                .description("stored events a processor's own stream took from another stream").register(meters);
        this.own = Counter.builder("ledger.event.decoding").tag("result", "own")
                .description("stored events a processor's own stream read first").register(meters);
    }

    /** The same events, each decoded at most once across the streams passed through here. */
    Stream<TrackedEventMessage<?>> share(Stream<? extends TrackedEventMessage<?>> events) {
        if (capacity <= 0) {
            return events.map(message -> message);
        }
        Spliterator<? extends TrackedEventMessage<?>> source = events.spliterator();
        return StreamSupport.stream(new Sharing(source), false).onClose(events::close);
    }

    private List<TrackedEventMessage<?>> sharedOnce(List<TrackedEventMessage<?>> stored) {
        TrackingToken position = stored.get(0).trackingToken();
        synchronized (read) {
            List<TrackedEventMessage<?>> known = read.get(position);
            if (known != null && known.size() == stored.size()) {
                shared.increment();
                return known;
            }
            read.put(position, stored);
        }
        own.increment();
        return stored;
    }

    /**
     * Hands out a stored event's messages together: an upcaster may turn one stored event into several, which
     * then share its tracking token (Axon's coordinators schedule them together for the same reason).
     */
    private final class Sharing extends Spliterators.AbstractSpliterator<TrackedEventMessage<?>> {

        private final Spliterator<? extends TrackedEventMessage<?>> source;
        private final Deque<TrackedEventMessage<?>> ready = new ArrayDeque<>();
        private TrackedEventMessage<?> ahead;

        private Sharing(Spliterator<? extends TrackedEventMessage<?>> source) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.source = source;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
            if (ready.isEmpty() && !readStoredEvent()) {
                return false;
            }
            action.accept(ready.poll());
            return true;
        }

        private boolean readStoredEvent() {
            if (ahead == null && !source.tryAdvance(message -> ahead = message)) {
                return false;
            }
            List<TrackedEventMessage<?>> stored = new ArrayList<>(1);
            stored.add(ahead);
            ahead = null;
            while (source.tryAdvance(message -> ahead = message)
                    && ahead.trackingToken().equals(stored.get(0).trackingToken())) {
                stored.add(ahead);
                ahead = null;
            }
            ready.addAll(sharedOnce(stored));
            return true;
        }
    }
}
