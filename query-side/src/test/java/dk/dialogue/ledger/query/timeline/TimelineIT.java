package dk.dialogue.ledger.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

@QuerySideIntegrationTest
class TimelineIT {

    private static final String CITIES = "Københavns Kommune, Aarhus Kommune, Odense Kommune and Aalborg Kommune";

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
    void a_thread_reads_as_one_line_per_event_in_the_order_they_were_recorded() {
        String visit = id();
        store.append(Courses.visit(visit, null));

        JsonNode timeline = awaitTimeline(visit, 5);

        JsonNode entries = timeline.get("entries");
        assertThat(timeline.get("threadId").asText()).isEqualTo(visit);
        assertThat(entries.findValuesAsText("sequence")).containsExactly("0", "1", "2", "3", "4");
        assertThat(entries.findValuesAsText("eventType")).containsExactly("InvitationReceived", "MeetingAccepted",
                "LetterRecorded", "MeetingRescheduled", "MeetingHeld");
        assertThat(entries.findValuesAsText("line")).containsExactly(
                "Invitation received from " + CITIES + ": \"Invitation til besøg i København\" "
                        + "(letter dated 24 June 2020; slot: \"torsdag d. 24. september kl. 13.00-16.00\")",
                "Folketingets Beskæftigelsesudvalg accepted \"torsdag d. 24. september kl. 13.00-16.00\" "
                        + "(Thursday 24 September 2020, 13:00–16:00)",
                "Follow-up letter received from " + CITIES + ": \"Besøget flyttes til 8. oktober\" "
                        + "(letter dated 27 August 2020)",
                "Københavns Kommune moved the meeting from \"torsdag d. 24. september kl. 13.00-16.00\" "
                        + "(Thursday 24 September 2020, 13:00–16:00) to \"torsdag den 8. oktober kl. 13-16\" "
                        + "(Thursday 8 October 2020, 13:00–16:00): \"udvalgets ønske\"",
                "Meeting held on Thursday 8 October 2020");
        assertThat(entries.findValuesAsText("recordedBy")).containsOnly("clerk").hasSize(5);
        assertThat(entries.findValuesAsText("businessDate")).containsExactly("2020-06-24", "2020-07-01",
                "2020-08-27", "2020-08-27", "2020-10-08");
        assertThat(entries.get(1).get("actor").asText()).isEqualTo("Folketingets Beskæftigelsesudvalg");
        assertThat(entries.get(4).has("actor")).as("a meeting held names no actor").isFalse();
    }

    @Test
    void the_recorded_time_is_given_as_an_instant_and_on_a_copenhagen_clock() {
        String jobcamp = id();
        store.append(Courses.jobcamp(jobcamp, null));

        JsonNode accepted = awaitTimeline(jobcamp, 3).get("entries").get(1);

        Instant recordedAt = Instant.parse(accepted.get("recordedAt").asText());
        assertThat(recordedAt).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        assertThat(LocalDateTime.parse(accepted.get("recordedAtLocal").asText()))
                .isEqualTo(LocalDateTime.ofInstant(recordedAt, WebConfiguration.COPENHAGEN));
        assertThat(accepted.get("line").asText()).isEqualTo("Folketingets Beskæftigelsesudvalg accepted "
                + "\"den 6. november sidst på dagen\" (Wednesday 6 November 2019, 15:00–18:00)");
    }

    @Test
    void a_registration_call_lists_every_answer() {
        String partnership = id();
        store.append(Courses.partnership(partnership, null));

        JsonNode lines = awaitTimeline(partnership, 9).get("entries");

        assertThat(lines.get(0).get("line").asText()).startsWith("Registration call received from KL");
        assertThat(lines.get(8).get("line").asText())
                .isEqualTo("Kalundborg Kommune registered after the registration deadline");
    }

    @Test
    void a_rebuild_writes_the_same_timeline_again() {
        String jobcamp = id();
        store.append(Courses.jobcamp(jobcamp, null));
        JsonNode before = awaitTimeline(jobcamp, 3);
        TestRestTemplate auditor = http.withBasicAuth("auditor", "auditor");

        ResponseEntity<JsonNode> started = auditor.postForEntity("/api/admin/rebuilds/timeline", null, JsonNode.class);
        String state = await().atMost(Duration.ofSeconds(60))
                .until(() -> auditor.getForObject("/api/admin/rebuilds/timeline", JsonNode.class).get("state").asText(),
                        phase -> !phase.equals("RUNNING") && !phase.equals("SWITCHING"));

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(state).isEqualTo("DONE");
        assertThat(dashboard.getForObject(path(jobcamp), JsonNode.class)).isEqualTo(before);
    }

    @Test
    void an_unknown_thread_is_a_404_problem() {
        ResponseEntity<JsonNode> response = dashboard.getForEntity(path(id()), JsonNode.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().get("title").asText()).isEqualTo("Not found");
    }

    @Test
    void only_dashboards_and_auditors_read_timelines() {
        String thread = id();
        store.append(Courses.jobcamp(thread, null).subList(0, 1));
        awaitTimeline(thread, 1);

        assertThat(http.getForEntity(path(thread), String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth("clerk", "clerk").getForEntity(path(thread), String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity(path(thread), String.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    private JsonNode awaitTimeline(String thread, int events) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> dashboard.getForEntity(path(thread), JsonNode.class),
                        response -> response.getStatusCode().value() == 200
                                && response.getBody().get("entries").size() == events)
                .getBody();
    }

    private static String path(String thread) {
        return "/api/threads/" + thread + "/timeline";
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
