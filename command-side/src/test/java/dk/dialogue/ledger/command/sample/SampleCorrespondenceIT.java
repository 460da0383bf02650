package dk.dialogue.ledger.command.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.command.sample.SampleCorrespondence.LoadedCourse;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CommandSideIntegrationTest
class SampleCorrespondenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsEveryCourseThroughTheApiAndNothingMoreWhenLoadedAgain() {
        SampleCorrespondence samples = new SampleCorrespondence("http://localhost:" + port, "clerk", "clerk");

        List<LoadedCourse> loaded = samples.loadAll();

        assertThat(loaded).extracting(LoadedCourse::name)
                .containsExactly("2013-partnership-call", "2019-jobcamp19-dialogue-meeting", "2020-four-cities-visit");
        assertThat(loaded).allSatisfy(course -> assertThat(course.threadIds()).hasSize(1));

        String partnership = loaded.get(0).threadIds().get(0);
        assertThat(types(partnership)).containsExactly("InvitationReceived",
                "ParticipationRegistered", "ParticipationRegistered", "ParticipationRegistered",
                "ParticipationRegistered", "ParticipationRegistered", "ParticipationRegistered",
                "ParticipationRegistered", "ParticipationRegistered");
        List<JsonNode> registrations = payloads(partnership, "ParticipationRegistered");
        assertThat(registrations).filteredOn(registration -> registration.get("late").asBoolean())
                .singleElement()
                .satisfies(late -> {
                    assertThat(late.at("/party/name").asText()).isEqualTo("Frederikshavn Kommune");
                    assertThat(late.get("businessDate").asText()).isEqualTo("2013-04-25");
                });
        assertThat(registrations).filteredOn(registration -> registration.get("answer").asText().equals("DECLINED"))
                .hasSize(2);

        String jobcamp = loaded.get(1).threadIds().get(0);
        assertThat(types(jobcamp)).containsExactly("InvitationReceived", "MeetingAccepted", "MeetingHeld");
        String letterHash = payloads(jobcamp, "InvitationReceived").get(0).at("/letter/textSha256").asText();
        assertThat(jdbc.queryForObject("SELECT content FROM document WHERE sha256 = ?", byte[].class, letterHash))
                .as("the letter's text, verbatim")
                .isEqualTo(resource("samples/letters/2019-09-06-kl-invites-beu-jobcamp19.txt"));
        JsonNode held = payloads(jobcamp, "MeetingHeld").get(0);
        assertThat(held.at("/plannedSlot/precision").asText()).isEqualTo("PART_OF_DAY");
        assertThat(held.at("/plannedSlot/start").asText()).isEqualTo("2019-11-06T14:00:00Z");

        String visit = loaded.get(2).threadIds().get(0);
        assertThat(types(visit)).containsExactly("InvitationReceived", "MeetingAccepted", "LetterRecorded",
                "MeetingRescheduled", "MeetingHeld");
        JsonNode rescheduled = payloads(visit, "MeetingRescheduled").get(0);
        assertThat(rescheduled.at("/previousSlot/start").asText()).isEqualTo("2020-09-24T11:00:00Z");
        assertThat(rescheduled.at("/newSlot/start").asText()).isEqualTo("2020-10-08T11:00:00Z");
        assertThat(rescheduled.get("basedOnLetter").asText()).isEqualTo(loaded.get(2).captured().get("move")
                .get("letterId").asText());

        JsonNode firstMetaData = json(jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                byte[].class, visit));
        assertThat(firstMetaData.get("idempotencyKey").asText()).isEqualTo("sample:2020-four-cities-visit:1");
        assertThat(firstMetaData.get("recordedBy").asText()).isEqualTo("clerk");

        // Other test classes share this database: count only the sample threads, and all events for growth.
        List<String> threads = loaded.stream().flatMap(course -> course.threadIds().stream()).toList();
        assertThat(threads.stream().mapToLong(thread -> types(thread).size()).sum()).isEqualTo(9 + 3 + 5);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        List<LoadedCourse> again = samples.loadAll();

        assertThat(again).as("the same answers, replayed").isEqualTo(loaded);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }

    private List<String> types(String threadId) {
        return jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", String.class, threadId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    private List<JsonNode> payloads(String threadId, String type) {
        return jdbc.queryForList("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?
                ORDER BY sequence_number""", byte[].class, threadId, "dk.dialogue.ledger.events." + type).stream()
                .map(SampleCorrespondenceIT::json)
                .toList();
    }

    private static byte[] resource(String path) {
        try (InputStream in = SampleCorrespondenceIT.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
