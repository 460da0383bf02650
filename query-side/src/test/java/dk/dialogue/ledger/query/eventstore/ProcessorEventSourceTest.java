package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessorEventSourceTest {

    private final TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(new CommitOrderToken(7, 1),
            GenericEventMessage.asEventMessage("an event"));
    private final EventArrivals arrivals = new EventArrivals(Duration.ofMillis(20));
    private final AtomicBoolean held = new AtomicBoolean(true);
    private final BlockingStream<TrackedEventMessage<?>> stream = source().heldBackWhile(held::get)
            .openStream(CommitOrderToken.TAIL);

    @AfterEach
    void stopTimer() {
        arrivals.close();
    }

    @Test
    void a_held_back_stream_offers_nothing_even_when_events_are_there() throws Exception {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();
        long start = System.nanoTime();
        assertThat(stream.hasNextAvailable(150, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waits as asked").isGreaterThanOrEqualTo(
                Duration.ofMillis(150));
    }

    @Test
    void once_released_the_stream_offers_its_events_and_a_waiting_reader_gets_the_next() throws Exception {
        CompletableFuture<TrackedEventMessage<?>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.nextAvailable();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(120);
        assertThat(next).as("held back").isNotDone();

        held.set(false);
        assertThat(next.get(5, TimeUnit.SECONDS)).isSameAs(event);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.peek()).contains(event);
    }

    @Test
    void the_shared_source_itself_is_never_held_back() throws Exception {
        assertThat(source().openStream(CommitOrderToken.TAIL).hasNextAvailable()).isTrue();
    }

    private ProcessorEventSource source() {
        EmbeddedEventStore store = mock(EmbeddedEventStore.class);
        when(store.openStream(any())).thenAnswer(invocation -> new OneEvent());
        return new ProcessorEventSource(store, arrivals);
    }

    /** A store's stream with one event that is always there. */
    private final class OneEvent implements TrackingEventStream {

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.of(event);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return event;
        }

        @Override
        public void close() {
        }
    }
}
