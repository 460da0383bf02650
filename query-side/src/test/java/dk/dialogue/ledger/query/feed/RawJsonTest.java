package dk.dialogue.ledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    private static CloudEvent event(String data) {
        return new CloudEvent("1.0", "id-1", "/dk/dialogue-ledger", "dk.dialogue.ledger.MeetingHeld.v1", "t-1",
                "2026-12-01T10:00:00Z", "application/json", 7, 2, "2026-12-01", null,
                RawJson.of(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_data_is_written_into_the_event_exactly_as_stored_whether_written_as_bytes_or_as_text() throws Exception {
        String data = "{\"summary\":\"Godt møde i Århus\",\"n\":1.50,\"list\":[1, 2]}";

        String fromBytes = new String(json.writeValueAsBytes(event(data)), StandardCharsets.UTF_8);
        String fromText = json.writeValueAsString(event(data));

        assertThat(fromBytes).isEqualTo(fromText).endsWith(",\"data\":" + data + "}");
        assertThat(json.readTree(fromBytes).at("/data/summary").asText()).isEqualTo("Godt møde i Århus");
    }

    @Test
    void data_larger_than_the_generators_buffer_is_written_whole_in_a_batch_of_events() throws Exception {
        String large = "{\"text\":\"" + "æ".repeat(20_000) + "\"}";
        List<CloudEvent> page = List.of(event("{\"a\":1}"), event(large), event("{\"b\":2}"));

        JsonNode fromBytes = json.readTree(json.writeValueAsBytes(page));
        JsonNode fromText = json.readTree(json.writeValueAsString(page));

        assertThat(fromBytes).isEqualTo(fromText);
        assertThat(fromBytes.get(1).at("/data/text").asText()).hasSize(20_000);
        assertThat(fromBytes.get(2).at("/data/b").asInt()).isEqualTo(2);
    }

    @Test
    void equal_bytes_are_equal_values() {
        assertThat(RawJson.of("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(RawJson.of("{}".getBytes(
                StandardCharsets.UTF_8))).hasToString("{}");
    }
}
