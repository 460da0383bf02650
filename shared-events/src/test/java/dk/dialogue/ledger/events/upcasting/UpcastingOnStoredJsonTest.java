package dk.dialogue.ledger.events.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ThreadId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * How a revision change is carried out, on stored JSON: an upcaster in the shape the ledger uses (a
 * {@link SingleEventUpcaster} on Jackson's tree) turns a stored event of an older revision into one the
 * current record reads. The example revision "0" named the held date {@code heldOn}.
 */
class UpcastingOnStoredJsonTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(EventJson.objectMapper()).build();

    /** The kind of class each raised revision adds to {@link Upcasters#all()}. */
    static final class MeetingHeldV0Upcaster extends SingleEventUpcaster {

        private static final SimpleSerializedType OLD = new SimpleSerializedType(MeetingHeld.class.getName(), "0");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(OLD);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(MeetingHeld.class.getName(), "1"),
                    JsonNode.class, old -> {
                        ObjectNode current = ((ObjectNode) old).deepCopy();
                        current.set("businessDate", current.remove("heldOn"));
                        return current;
                    });
        }
    }

    @Test
    void a_stored_event_of_an_older_revision_is_read_in_the_current_shape() {
        String storedV0 = """
                {"threadId": "t-2019-jobcamp", "plannedSlot": null, "location": null,
                 "note": "JobCAMP19 gennemført", "heldOn": "2019-11-06"}""";
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("DialogueThread", "t-2019-jobcamp", 2,
                "e-1", Instant.parse("2019-11-07T08:00:00Z").toString(), MeetingHeld.class.getName(), "0",
                storedV0.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new MeetingHeldV0Upcaster())
                .upcast(Stream.of(new InitialEventRepresentation(stored, SERIALIZER))).collect(Collectors.toList());

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("1");
        MeetingHeld event = SERIALIZER.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new MeetingHeld(new ThreadId("t-2019-jobcamp"), null, null, "JobCAMP19 gennemført",
                LocalDate.of(2019, 11, 6)));
    }

    @Test
    void the_ledger_registers_no_upcaster_while_every_event_is_at_its_first_revision() {
        assertThat(Upcasters.all()).isEmpty();
    }
}
