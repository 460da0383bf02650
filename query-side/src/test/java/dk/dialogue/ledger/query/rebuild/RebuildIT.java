package dk.dialogue.ledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class RebuildIT {

    private static final int THREADS = 200;

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_rebuild_while_clients_query_never_shows_an_empty_or_partial_read_model_and_loses_nothing() throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        TestRestTemplate dashboard = http.withBasicAuth("dashboard", "dashboard");
        TestRestTemplate auditor = http.withBasicAuth("auditor", "auditor");
        List<String> threads = new ArrayList<>();
        List<ThreadEvent> history = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String thread = UUID.randomUUID().toString();
            threads.add(thread);
            history.addAll(Courses.jobcamp(thread, null));
        }
        store.append(history);
        String poisoned = UUID.randomUUID().toString();
        store.append(List.of(new MeetingHeld(new ThreadId(poisoned), null, null, "never opened",
                LocalDate.of(2021, 3, 1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> heldCount(threads) == THREADS);
        long before = total(dashboard);

        List<String> badAnswers = new CopyOnWriteArrayList<>();
        AtomicBoolean querying = new AtomicBoolean(true);
        AtomicInteger answers = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (querying.get()) {
                ResponseEntity<JsonNode> list = dashboard.getForEntity("/api/threads?size=1", JsonNode.class);
                ResponseEntity<JsonNode> one = dashboard.getForEntity("/api/threads/" + threads.get(0), JsonNode.class);
                if (list.getStatusCode().value() != 200 || list.getBody().get("totalItems").asLong() < before) {
                    badAnswers.add("list: " + list.getStatusCode() + " " + list.getBody());
                }
                if (one.getStatusCode().value() != 200 || !"HELD".equals(one.getBody().get("status").asText())) {
                    badAnswers.add("thread: " + one.getStatusCode() + " " + one.getBody());
                }
                answers.incrementAndGet();
            }
        });
        client.start();

        ResponseEntity<JsonNode> started = auditor.postForEntity("/api/admin/rebuilds/thread-status", null,
                JsonNode.class);
        String during = UUID.randomUUID().toString();
        store.append(Courses.visit(during, null));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(auditor.getForObject("/api/admin/rebuilds/thread-status", JsonNode.class)
                        .get("state").asText()));
        String after = UUID.randomUUID().toString();
        store.append(Courses.partnership(after, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> version(after) == 9 && version(during) == 5);
        querying.set(false);
        client.join();

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(badAnswers).isEmpty();
        assertThat(answers.get()).as("queries answered during the rebuild").isPositive();
        JsonNode done = auditor.getForObject("/api/admin/rebuilds/thread-status", JsonNode.class);
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("processed").asLong()).isGreaterThanOrEqualTo(THREADS * 3L);
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.get("failedThreads").asInt()).as("the poisoned thread is held back, not the rebuild")
                .isPositive();
        assertThat(total(dashboard)).isEqualTo(before + 2);
        assertThat(heldCount(threads)).isEqualTo(THREADS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename LIKE ANY "
                + "(ARRAY['thread\\_status\\_%', 'thread\\_party\\_%', 'thread\\_search\\_%'])",
                Long.class)).as("no shadow or retired tables left").isZero();
        JsonNode metric = auditor.getForObject("/actuator/metrics/ledger.rebuild.progress.percent?tag=projection:"
                + "thread-status", JsonNode.class);
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(100.0);
    }

    @Test
    void rebuilds_are_for_auditors_and_known_projections_only() {
        assertThat(http.withBasicAuth("dashboard", "dashboard").postForEntity("/api/admin/rebuilds/thread-status",
                null, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(http.withBasicAuth("auditor", "auditor").postForEntity("/api/admin/rebuilds/no-such-model", null,
                String.class).getStatusCode().value()).isEqualTo(404);
    }

    private long total(TestRestTemplate dashboard) {
        return dashboard.getForObject("/api/threads?size=1", JsonNode.class).get("totalItems").asLong();
    }

    private long heldCount(List<String> threads) {
        return jdbc.queryForObject("SELECT count(*) FROM query.thread_status WHERE status = 'HELD' AND thread_id IN ("
                + String.join(",", threads.stream().map(t -> "'" + t + "'").toList()) + ")", Long.class);
    }

    private long version(String thread) {
        return jdbc.query("SELECT version FROM query.thread_status WHERE thread_id = ?", (rs, row) -> rs.getLong(1),
                thread).stream().findFirst().orElse(0L);
    }
}
