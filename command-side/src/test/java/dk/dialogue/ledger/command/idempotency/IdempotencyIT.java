package dk.dialogue.ledger.command.idempotency;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.CommandSideApplication;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@CommandSideIntegrationTest
class IdempotencyIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void a_repeated_request_returns_the_original_status_and_body_and_appends_nothing() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        Map<String, String> key = Map.of("Idempotency-Key", "create-jobcamp-1");

        Response first = clerk.post("/api/threads", invitation("idempotent invitation"), key);
        Response again = clerk.post("/api/threads", invitation("idempotent invitation"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(events(first.json().get("threadId").asText())).isEqualTo(1);
    }

    @Test
    void copies_arriving_concurrently_have_one_effect_and_the_same_answer() throws Exception {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation("invitation for concurrent copies")).json()
                .get("threadId").asText();
        int copies = 12;
        CountDownLatch start = new CountDownLatch(1);
        Callable<Response> copy = () -> {
            start.await();
            return clerk.post("/api/threads/" + threadId + "/letters", letter("the one reply"),
                    Map.of("Idempotency-Key", "reply-once"));
        };

        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            var futures = IntStream.range(0, copies).mapToObj(i -> pool.submit(copy)).toList();
            start.countDown();
            List<Response> responses = futures.stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();

            assertThat(responses).extracting(Response::status).containsOnly(200);
            assertThat(responses).extracting(Response::body).containsOnly(responses.get(0).body());
            assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events(threadId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' = 'reply-once'",
                Long.class, threadId)).isEqualTo(1);
    }

    @Test
    void a_key_reused_for_a_different_request_is_refused_and_appends_nothing() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        Map<String, String> key = Map.of("Idempotency-Key", "reused-key");
        String threadId = clerk.post("/api/threads", invitation("first use of the key"), key).json()
                .get("threadId").asText();

        Response misuse = clerk.post("/api/threads", invitation("another invitation under the same key"), key);

        assertThat(misuse.status()).isEqualTo(422);
        assertThat(misuse.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(DISTINCT event_identifier) FROM domain_event_entry",
                        Long.class));
        assertThat(events(threadId)).isEqualTo(1);
    }

    @Test
    void a_key_belongs_to_its_user_so_two_users_may_pick_the_same_key() {
        Map<String, String> key = Map.of("Idempotency-Key", "shared-name");

        Response clerk = LedgerClient.as(port, "clerk").post("/api/threads", invitation("clerk's letter"), key);
        Response replay = LedgerClient.as(port, "clerk").post("/api/threads", invitation("clerk's letter"), key);

        assertThat(replay.json().get("threadId")).isEqualTo(clerk.json().get("threadId"));
        assertThat(jdbc.queryForObject("SELECT principal FROM idempotency_record WHERE idempotency_key = ?",
                String.class, "shared-name")).isEqualTo("clerk");
    }

    @Test
    void a_repeat_after_a_restart_still_returns_the_original_answer() {
        Response first = LedgerClient.as(port, "clerk").post("/api/threads", invitation("before the restart"),
                Map.of("Idempotency-Key", "survives-restart"));

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("local")
                .run("--server.port=0", "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + dk.dialogue.ledger.command.support.PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + dk.dialogue.ledger.command.support.PostgresTestDatabase.password())) {
            int restartedPort = restarted.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Response again = LedgerClient.as(restartedPort, "clerk").post("/api/threads",
                    invitation("before the restart"), Map.of("Idempotency-Key", "survives-restart"));

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
        }
        assertThat(events(first.json().get("threadId").asText())).isEqualTo(1);
    }

    private long events(String threadId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, threadId);
    }
}
