package dk.dialogue.ledger.query.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import dk.dialogue.ledger.query.service.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Two query-side instances share the projections' segments through the token store. The other instance
 * runs in its own JVM (the packaged jar) and is killed with SIGKILL while it holds every segment: this one
 * must take over, and every read model must end complete, with nothing lost and nothing applied twice.
 * Live subscribers of this instance see what the other instance's projections commit.
 */
@QuerySideIntegrationTest
@TestPropertySource(properties = "ledger.processing.claim-timeout=6s")
class TwoInstancesIT {

    private static final String GROUP = "thread-status";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void the_other_instance_dies_holding_every_segment_and_this_one_takes_over_losing_and_doubling_nothing()
            throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        List<String> seen = new CopyOnWriteArrayList<>();
        subscribe(seen);
        ServiceProcess other = ServiceProcess.start("other-instance", Path.of("target", "ledger-query-side.jar"),
                ServiceProcess.freePort(), List.of("--spring.profiles.active=local",
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password(),
                        "--ledger.processing.claim-timeout=6s"));
        try {
            PooledStreamingEventProcessor here = processing.eventProcessor(GROUP, PooledStreamingEventProcessor.class)
                    .orElseThrow();
            other.awaitReady(Duration.ofSeconds(120));
            // Released segments are free for a while; the other instance claims them on its next attempt.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                here.processingStatus().keySet().forEach(here::releaseSegment);
                return owners().size() == 1 && here.processingStatus().isEmpty();
            });

            List<String> threads = new ArrayList<>();
            String first = append(store, threads);
            await().atMost(Duration.ofSeconds(20)).until(() -> version(first) == 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(line -> line.contains(first)));

            for (int i = 0; i < 20; i++) {
                append(store, threads);
            }
            other.close(); // SIGKILL, while it holds every segment
            for (int i = 0; i < 20; i++) {
                append(store, threads);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> threads.stream().allMatch(t -> version(t) == 5));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM query.thread_status t WHERE thread_id IN ("
                    + String.join(",", threads.stream().map(t -> "'" + t + "'").toList()) + ") AND version = 5 "
                    + "AND (view::jsonb ->> 'letterCount')::int = 2 AND (SELECT count(*) FROM query.thread_letter l "
                    + "WHERE l.thread_id = t.thread_id) = 2", Long.class)).isEqualTo(threads.size());
        } finally {
            other.close();
        }
    }

    private String append(EventStoreWriter store, List<String> threads) {
        String thread = UUID.randomUUID().toString();
        threads.add(thread);
        List<ThreadEvent> course = Courses.visit(thread, null);
        store.append(course);
        return thread;
    }

    private List<String> owners() {
        return jdbc.queryForList("SELECT DISTINCT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                String.class, GROUP);
    }

    private long version(String thread) {
        return jdbc.query("SELECT version FROM query.thread_status WHERE thread_id = ?", (rs, row) -> rs.getLong(1),
                thread).stream().findFirst().orElse(0L);
    }

    private void subscribe(List<String> seen) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("dashboard:dashboard".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> lines = response.body()) {
                        lines.forEach(seen::add);
                    }
                });
    }
}
