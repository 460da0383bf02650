package dk.dialogue.ledger.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@QuerySideIntegrationTest
class MeetingCalendarIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    EventStoreWriter store;
    TestRestTemplate dashboard;

    @BeforeEach
    void setUp() {
        store = new EventStoreWriter(dataSource);
        dashboard = http.withBasicAuth("dashboard", "dashboard");
    }

    @Test
    void the_sample_meetings_are_on_the_calendar_on_the_days_they_take_place() {
        String jobcamp = id();
        String visit = id();
        store.append(Courses.jobcamp(jobcamp, null));
        store.append(Courses.visit(visit, null));
        awaitHeld(visit);
        awaitHeld(jobcamp);

        JsonNode november = meetings("/api/meetings?from=2019-11-06&to=2019-11-06");
        assertThat(november.findValuesAsText("threadId")).contains(jobcamp).doesNotContain(visit);
        JsonNode camp = find(november, jobcamp);
        assertThat(camp.get("subject").asText()).isEqualTo("Invitation til JobCAMP19");
        assertThat(camp.at("/slot/start").asText()).isEqualTo("2019-11-06T14:00:00Z");
        assertThat(camp.at("/slot/precision").asText()).isEqualTo("PART_OF_DAY");
        assertThat(camp.at("/location/name").asText()).isEqualTo("Aalborg Kongrescenter");
        assertThat(camp.get("heldOn").asText()).isEqualTo("2019-11-06");

        assertThat(meetings("/api/meetings?from=2020-09-24&to=2020-09-24").findValuesAsText("threadId"))
                .doesNotContain(visit);
        JsonNode moved = find(meetings("/api/meetings?from=2020-10-08&to=2020-10-08"), visit);
        assertThat(moved.at("/slot/start").asText()).isEqualTo("2020-10-08T11:00:00Z");
        assertThat(moved.get("reschedules").asInt()).isEqualTo(1);
        assertThat(moved.get("version").asLong()).isEqualTo(5);

        JsonNode aarhus = meetings("/api/meetings?party=municipality-aarhus-kommune");
        assertThat(aarhus.findValuesAsText("threadId")).contains(visit).doesNotContain(jobcamp);
        JsonNode committee = meetings("/api/meetings?from=2019-01-01&to=2020-12-31"
                + "&party=committee-folketingets-beskæftigelsesudvalg");
        List<String> ids = committee.findValuesAsText("threadId");
        assertThat(ids).contains(jobcamp, visit);
        assertThat(ids.indexOf(jobcamp)).as("sorted by start").isLessThan(ids.indexOf(visit));
    }

    @Test
    void cancelled_meetings_are_left_out_unless_asked_for() {
        String thread = id();
        store.append(cancelledWholeDay(thread));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                meetings("/api/meetings?includeCancelled=true").findValuesAsText("threadId").contains(thread));

        assertThat(meetings("/api/meetings?from=2019-11-07&to=2019-11-07").findValuesAsText("threadId"))
                .doesNotContain(thread);
        JsonNode cancelled = find(meetings("/api/meetings?from=2019-11-07&to=2019-11-07&includeCancelled=true"),
                thread);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void the_ics_feed_is_a_well_formed_icalendar_with_every_meeting() {
        String visit = id();
        String cancelled = id();
        store.append(Courses.visit(visit, null));
        store.append(cancelledWholeDay(cancelled));
        awaitHeld(visit);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                meetings("/api/meetings?includeCancelled=true").findValuesAsText("threadId").contains(cancelled));

        ResponseEntity<byte[]> response = dashboard.getForEntity("/api/meetings.ics", byte[].class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        MediaType type = response.getHeaders().getContentType();
        assertThat(type.isCompatibleWith(MediaType.parseMediaType("text/calendar"))).as(type.toString()).isTrue();
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        String ics = new String(response.getBody(), StandardCharsets.UTF_8);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).as("only CRLF line endings").doesNotContain("\r", "\n");
        List<String> lines = List.of(ics.split("\r\n"));
        assertThat(lines).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(" "));
        assertBalanced(lines);
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("VERSION:2.0\r\n", "PRODID:", "CALSCALE:GREGORIAN\r\n", "X-WR-CALNAME:");
        assertThat(event(unfolded, visit)).contains("SEQUENCE:1\r\n", "DTSTART:20201008T110000Z\r\n",
                "DTEND:20201008T140000Z\r\n", "SUMMARY:Invitation til besøg i København\r\n",
                "LOCATION:Jobcenter København – Gammel Køge Landevej\r\n", "Aarhus Kommune", "STATUS:CONFIRMED\r\n");
        assertThat(event(unfolded, cancelled)).contains("DTSTART;VALUE=DATE:20191107\r\n",
                "DTEND;VALUE=DATE:20191108\r\n", "STATUS:CANCELLED\r\n");

        String aarhus = dashboard.getForObject("/api/meetings.ics?party=municipality-aarhus-kommune", String.class);
        assertThat(aarhus).contains("UID:" + visit + "@dialogue-ledger").doesNotContain(cancelled);
    }

    @Test
    void bad_queries_are_400_problems_naming_the_parameter() {
        assertProblem("/api/meetings?from=6.%20november%202019", "from");
        assertProblem("/api/meetings?to=2019-02-30", "to");
        assertProblem("/api/meetings?from=2020-01-02&to=2020-01-01", "from");
        assertProblem("/api/meetings?to=%2B999999999-12-31", "to");
        assertProblem("/api/meetings?party=Aarhus%20Kommune", "party");
        assertProblem("/api/meetings?party=town-aarhus", "party");
        assertProblem("/api/meetings?includeCancelled=maybe", "includeCancelled");
        assertProblem("/api/meetings.ics?party=municipality-Aarhus-Kommune", "party");
    }

    private static List<ThreadEvent> cancelledWholeDay(String threadId) {
        ThreadId id = new ThreadId(threadId);
        LocalDate date = LocalDate.of(2019, 10, 1);
        return List.of(Courses.jobcamp(threadId, null).get(0),
                new MeetingAccepted(id, new ProposalId("p-" + threadId),
                        Courses.slot(2019, 11, 7, 0, 24, SlotPrecision.DAY, "i løbet af den 7. november"), Courses.BEU,
                        null, date),
                new MeetingCancelled(id, Courses.KL, "aflyst", date.plusDays(1)));
    }

    private void awaitHeld(String threadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode meeting = find(meetings("/api/meetings"), threadId);
            return meeting != null && meeting.get("status").asText().equals("HELD");
        });
    }

    private JsonNode meetings(String path) {
        ResponseEntity<JsonNode> response = dashboard.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        return response.getBody();
    }

    private static JsonNode find(JsonNode meetings, String threadId) {
        for (JsonNode meeting : meetings) {
            if (meeting.get("threadId").asText().equals(threadId)) {
                return meeting;
            }
        }
        return null;
    }

    private static String event(String ics, String threadId) {
        int uid = ics.indexOf("UID:" + threadId + "@dialogue-ledger\r\n");
        assertThat(uid).as("event of " + threadId).isPositive();
        return ics.substring(ics.lastIndexOf("BEGIN:VEVENT", uid), ics.indexOf("END:VEVENT", uid));
    }

    private static void assertBalanced(List<String> lines) {
        Deque<String> open = new ArrayDeque<>();
        for (String line : lines) {
            if (line.startsWith("BEGIN:")) {
                open.push(line.substring(6));
            } else if (line.startsWith("END:")) {
                assertThat(open.poll()).as(line).isEqualTo(line.substring(4));
            }
        }
        assertThat(open).as("components left open").isEmpty();
    }

    /** The path as it goes on the wire, not encoded again. */
    private void assertProblem(String path, String field) {
        ResponseEntity<JsonNode> response = dashboard.getForEntity(URI.create(path), JsonNode.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().at("/errors/0/field").asText()).as(path).isEqualTo(field);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
