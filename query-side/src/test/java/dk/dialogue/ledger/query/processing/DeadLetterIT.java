package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class DeadLetterIT {

    private static final String GROUP = "thread-status";

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Savepoints savepoints;
    EventStoreWriter store;
    TestRestTemplate auditor;

    @BeforeEach
    void setUp() {
        store = new EventStoreWriter(dataSource);
        auditor = http.withBasicAuth("auditor", "auditor");
    }

    @Test
    void a_poison_event_parks_its_own_thread_while_other_threads_continue_and_can_be_evicted() {
        String poisoned = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        ThreadId poisonedId = new ThreadId(poisoned);
        store.append(List.of(
                new MeetingHeld(poisonedId, null, null, "held before it was ever opened", LocalDate.of(2020, 1, 1)),
                new LetterRecorded(poisonedId, new LetterId("l-1"), LetterRole.REMINDER,
                        Courses.letter(LocalDate.of(2020, 1, 2), "Rykker", List.of(Courses.KL), null),
                        LocalDate.of(2020, 1, 2))));
        store.append(Courses.jobcamp(healthy, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> version(healthy) == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(poisoned).size() == 2);
        List<JsonNode> letters = deadLetters(poisoned);
        assertThat(letters.get(0).get("eventType").asText()).isEqualTo("dk.dialogue.ledger.events.MeetingHeld");
        assertThat(letters.get(0).get("cause").asText()).contains("before the thread was opened");
        assertThat(letters.get(1).get("eventType").asText()).isEqualTo("dk.dialogue.ledger.events.LetterRecorded");
        assertThat(version(poisoned)).as("nothing of the poisoned thread was projected").isZero();
        assertThat(auditor.getForObject("/api/admin/dead-letters", JsonNode.class).get(GROUP).asLong())
                .isGreaterThanOrEqualTo(2);

        var evicted = auditor.exchange("/api/admin/dead-letters/" + GROUP + "/" + poisoned, HttpMethod.DELETE, null,
                JsonNode.class);

        assertThat(evicted.getBody().get("evicted").asInt()).isEqualTo(2);
        assertThat(deadLetters(poisoned)).isEmpty();
    }

    @Test
    void a_thread_that_failed_for_a_passing_reason_is_retried_in_order_once_the_cause_is_gone() {
        String thread = UUID.randomUUID().toString();
        List<dk.dialogue.ledger.events.ThreadEvent> course = Courses.visit(thread, null);
        store.append(course.subList(0, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> version(thread) == 2);

        jdbc.execute("ALTER TABLE public.document RENAME TO document_away");
        try {
            store.append(course.subList(2, 4));
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(thread).size() == 2);
        } finally {
            jdbc.execute("ALTER TABLE public.document_away RENAME TO document");
        }
        assertThat(deadLetters(thread).get(0).get("cause").asText()).contains("document");
        assertThat(savepoints.guarded())
                .as("the live batch read without savepoints, failed as a whole and was retried behind savepoints")
                .isTrue();
        store.append(course.subList(4, 5));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(thread).size() == 3);

        JsonNode retried = auditor.postForObject("/api/admin/dead-letters/" + GROUP + "/" + thread + "/retry", null,
                JsonNode.class);

        assertThat(retried.get("retried").asBoolean()).isTrue();
        assertThat(retried.get("remaining").asLong()).isZero();
        assertThat(version(thread)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT view::jsonb ->> 'status' FROM query.thread_status WHERE thread_id = ?",
                String.class, thread)).isEqualTo("HELD");
    }

    @Test
    void dead_letters_are_for_auditors_only() {
        assertThat(http.withBasicAuth("dashboard", "dashboard").getForEntity("/api/admin/dead-letters", String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(auditor.getForEntity("/api/admin/dead-letters/no-such-projection", String.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    private long version(String thread) {
        return jdbc.query("SELECT version FROM query.thread_status WHERE thread_id = ?", (rs, row) -> rs.getLong(1),
                thread).stream().findFirst().orElse(0L);
    }

    private List<JsonNode> deadLetters(String thread) {
        JsonNode all = auditor.getForObject("/api/admin/dead-letters/" + GROUP, JsonNode.class);
        List<JsonNode> letters = new java.util.ArrayList<>();
        all.forEach(letter -> {
            if (letter.get("threadId").asText().equals(thread)) {
                letters.add(letter);
            }
        });
        return letters;
    }
}
