package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A caught-up processor hears of new events from the event store's tail reader instead of polling for them
 * every 500 ms, Axon's interval for streams without an availability callback.
 */
@QuerySideIntegrationTest
class EventArrivalsIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessorEventSource source;
    @Autowired
    EventArrivals arrivals;

    @Test
    void a_processor_stream_is_called_back_when_a_new_event_can_be_read_from_it() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean readable = new AtomicBoolean();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(() -> {
                // Called on the tail reader's thread; nothing else reads this stream meanwhile.
                if (calls.incrementAndGet() == 1) {
                    readable.set(stream.hasNextAvailable());
                }
            })).as("the stream offers an availability callback").isTrue();

            new EventStoreWriter(dataSource).append(Courses.visit(UUID.randomUUID().toString(), null));

            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() > 0);
            assertThat(readable).as("the event is readable when the callback comes").isTrue();
        }
    }

    @Test
    void a_closed_stream_is_no_longer_called_back() {
        AtomicInteger calls = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken());
        stream.setOnAvailableCallback(calls::incrementAndGet);
        stream.close();

        arrivals.signal();

        assertThat(calls).hasValue(0);
    }
}
