package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.events.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventMultiUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class SharedDecodingTest {

    /** What the tests store: a stand-in for a ledger event. */
    record Noted(String text) {
    }

    private final CountingSerializer serializer = new CountingSerializer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void each_stored_event_is_deserialised_once_for_all_the_streams_reading_it() {
        SharedDecoding decoding = new SharedDecoding(100, meters);
        List<TrackedEventData<?>> stored = List.of(row(1, "first"), row(2, "second"), row(3, "third"));

        List<TrackedEventMessage<?>> feed = decoding.share(read(stored)).toList();
        List<TrackedEventMessage<?>> timeline = decoding.share(read(stored)).toList();
        touch(feed);
        touch(timeline);

        assertThat(payloads(timeline)).containsExactly(new Noted("first"), new Noted("second"), new Noted("third"));
        assertThat(timeline).containsExactlyElementsOf(feed);
        // Payload and metadata of three events, each decoded once.
        assertThat(serializer.deserialised.get()).isEqualTo(6);
        assertThat(meters.counter("ledger.event.decoding", "result", "own").count()).isEqualTo(3);
        assertThat(meters.counter("ledger.event.decoding", "result", "shared").count()).isEqualTo(3);
    }

    @Test
    void nothing_is_deserialised_before_a_handler_asks() {
        SharedDecoding decoding = new SharedDecoding(100, meters);

        decoding.share(read(List.of(row(1, "first"), row(2, "second")))).toList();

        assertThat(serializer.deserialised.get()).isZero();
    }

    @Test
    void a_stream_further_ahead_gets_what_another_read_and_reads_the_rest_itself() {
        SharedDecoding decoding = new SharedDecoding(100, meters);
        List<TrackedEventMessage<?>> behind = decoding.share(read(List.of(row(1, "first")))).toList();

        List<TrackedEventMessage<?>> ahead = decoding.share(read(List.of(row(1, "first"), row(2, "second")))).toList();

        assertThat(ahead.get(0)).isSameAs(behind.get(0));
        assertThat(payloads(ahead)).containsExactly(new Noted("first"), new Noted("second"));
    }

    @Test
    void an_event_that_fails_to_decode_fails_again_for_every_stream_and_the_others_are_shared() {
        SharedDecoding decoding = new SharedDecoding(100, meters);
        List<TrackedEventData<?>> stored = List.of(row(1, "first"), unreadableRow(2), row(3, "third"));

        List<TrackedEventMessage<?>> first = decoding.share(read(stored)).toList();
        List<TrackedEventMessage<?>> second = decoding.share(read(stored)).toList();

        assertThat(first).hasSize(3);
        assertThatThrownBy(() -> first.get(1).getPayload()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> second.get(1).getPayload()).isInstanceOf(RuntimeException.class);
        assertThat(second.get(2).getPayload()).isEqualTo(new Noted("third"));
        assertThat(second.get(2)).isSameAs(first.get(2));
    }

    @Test
    void beyond_its_capacity_it_forgets_the_events_read_first() {
        SharedDecoding decoding = new SharedDecoding(2, meters);
        List<TrackedEventMessage<?>> first = decoding.share(read(List.of(row(1, "first"), row(2, "second"),
                row(3, "third")))).toList();

        List<TrackedEventMessage<?>> kept = decoding.share(read(List.of(row(2, "second"), row(3, "third")))).toList();
        List<TrackedEventMessage<?>> forgotten = decoding.share(read(List.of(row(1, "first")))).toList();

        assertThat(kept).containsExactly(first.get(1), first.get(2));
        assertThat(forgotten.get(0)).isNotSameAs(first.get(0));
    }

    @Test
    void with_no_capacity_every_stream_decodes_for_itself() {
        SharedDecoding decoding = new SharedDecoding(0, meters);
        List<TrackedEventData<?>> stored = List.of(row(1, "first"));

        TrackedEventMessage<?> one = decoding.share(read(stored)).toList().get(0);
        TrackedEventMessage<?> other = decoding.share(read(stored)).toList().get(0);

        assertThat(other.getPayload()).isEqualTo(one.getPayload()).isNotSameAs(one.getPayload());
    }

    @Test
    void the_events_an_upcaster_made_of_one_stored_event_stay_together_and_in_order() {
        SharedDecoding decoding = new SharedDecoding(100, meters);
        EventUpcaster split = new EventUpcasterChain(new SplitInTwo());
        List<TrackedEventData<?>> stored = List.of(row(1, "first"), row(2, "second"));

        List<TrackedEventMessage<?>> one = decoding.share(read(stored, split)).toList();
        List<TrackedEventMessage<?>> other = decoding.share(read(stored, split)).toList();

        assertThat(payloads(other)).containsExactly(new Noted("first"),
                new Noted("first, again"), new Noted("second"), new Noted("second, again"));
        assertThat(other).containsExactlyElementsOf(one);
    }

    @Test
    void closing_the_shared_stream_closes_the_stored_one() {
        SharedDecoding decoding = new SharedDecoding(100, meters);
        AtomicInteger closed = new AtomicInteger();

        decoding.share(read(List.of(row(1, "first"))).onClose(closed::incrementAndGet)).close();

        assertThat(closed).hasValue(1);
    }

    private static void touch(List<TrackedEventMessage<?>> messages) {
        messages.forEach(message -> {
            message.getPayload();
            message.getMetaData();
        });
    }

    private static List<Object> payloads(List<TrackedEventMessage<?>> messages) {
        return messages.stream().<Object>map(TrackedEventMessage::getPayload).toList();
    }

    private Stream<TrackedEventMessage<?>> read(List<TrackedEventData<?>> stored) {
        return read(stored, new EventUpcasterChain());
    }

    private Stream<TrackedEventMessage<?>> read(List<TrackedEventData<?>> stored, EventUpcaster upcasters) {
        return EventUtils.upcastAndDeserializeTrackedEvents(stored.stream(), serializer, upcasters);
    }

    private static TrackedEventData<?> row(long position, String text) {
        return stored(position, "{\"text\":\"" + text + "\"}");
    }

    private static TrackedEventData<?> unreadableRow(long position) {
        return stored(position, "{\"text\":");
    }

    private static TrackedEventData<?> stored(long position, String json) {
        return new TrackedDomainEventData<>(new CommitOrderToken(700 + position, position),
                new GenericDomainEventEntry<>("Thread", "thread-" + position, 0, "event-" + position,
                        "2026-12-02T06:00:00Z", Noted.class.getName(), null,
                        json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Turns each stored {@link Noted} into two, as a splitting upcaster would. */
    private static final class SplitInTwo extends EventMultiUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(Noted.class.getName());
        }

        @Override
        protected Stream<IntermediateEventRepresentation> doUpcast(IntermediateEventRepresentation representation) {
            return Stream.of(representation, representation.upcast(representation.getType(), String.class,
                    json -> json.replaceFirst("\"}$", ", again\"}"), metaData -> metaData));
        }
    }

    /** The ledger's JSON serialiser, counting what it deserialises. */
    private static final class CountingSerializer implements Serializer {

        private final Serializer delegate = JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
        private final AtomicInteger deserialised = new AtomicInteger();

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            deserialised.incrementAndGet();
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }
}
