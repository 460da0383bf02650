package dk.dialogue.ledger.query.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class PartyOverviewIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_party_sees_its_open_threads_scheduled_meetings_overdue_deadlines_and_awaited_answers() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String scheduled = UUID.randomUUID().toString();
        String partnership = UUID.randomUUID().toString();
        String scheduledLater = UUID.randomUUID().toString();
        store.append(Courses.jobcamp(scheduled, null).subList(0, 2));
        store.append(Courses.partnership(partnership, null));
        store.append(Courses.jobcamp(scheduledLater, null).subList(0, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> version(scheduled) == 2 && version(partnership) == 9
                && version(scheduledLater) == 2);
        TestRestTemplate dashboard = http.withBasicAuth("dashboard", "dashboard");

        JsonNode committee = dashboard.getForObject("/api/parties/committee-folketingets-beskæftigelsesudvalg",
                JsonNode.class);
        JsonNode syddjurs = dashboard.getForObject("/api/parties/municipality-syddjurs-kommune", JsonNode.class);
        JsonNode holbaek = dashboard.getForObject("/api/parties/municipality-holbæk-kommune", JsonNode.class);
        JsonNode municipalities = dashboard.getForObject("/api/parties?kind=MUNICIPALITY", JsonNode.class);

        assertThat(committee.at("/party/name").asText()).isEqualTo("Folketingets Beskæftigelsesudvalg");
        assertThat(committee.get("scheduledMeetings").findValuesAsText("threadId")).contains(scheduled);
        assertThat(committee.get("openThreads").findValuesAsText("threadId")).as("newest first")
                .containsSubsequence(scheduledLater, scheduled);
        assertThat(committee.get("openThreads").findValuesAsText("lastRecordedAt")).extracting(Instant::parse)
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(syddjurs.get("awaitingAnswer").findValuesAsText("threadId")).contains(partnership)
                .doesNotContain(scheduled);
        assertThat(syddjurs.get("overdue").findValuesAsText("threadId")).contains(partnership);
        assertThat(holbaek.at("/party/awaitingAnswer").asLong()).as("Holbæk registered").isZero();
        assertThat(holbaek.get("openThreads").findValuesAsText("threadId")).contains(partnership)
                .doesNotContain(scheduled);
        assertThat(municipalities.findValuesAsText("kind")).containsOnly("MUNICIPALITY");
        assertThat(dashboard.getForEntity("/api/parties/municipality-atlantis", String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    private long version(String thread) {
        return jdbc.query("SELECT version FROM query.thread_status WHERE thread_id = ?", (rs, row) -> rs.getLong(1),
                thread).stream().findFirst().orElse(0L);
    }
}
