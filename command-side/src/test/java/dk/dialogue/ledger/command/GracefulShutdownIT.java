package dk.dialogue.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.command.embedded.EmbeddedDatabase;
import dk.dialogue.ledger.command.support.Requests;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.command.service.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while commands are in flight: the packaged command side (with its embedded PostgreSQL) finishes every
 * command it accepted and answers it, refuses the rest before doing anything (with a 503 problem, or by not
 * accepting the connection), then closes the database after the application and exits 0. Each client keeps
 * sending until the service is gone; afterwards the store must hold every acknowledged command once and no command
 * whose client got no answer.
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of("target", "ledger-command-side.jar");
    private static final int THREADS = 8;
    private static final int CLIENTS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void in_flight_commands_finish_and_are_stored_before_the_process_exits_0() throws Exception {
        Path dataDir = Path.of("target", "graceful-shutdown-" + UUID.randomUUID()).toAbsolutePath();
        try (ServiceProcess service = ServiceProcess.start("graceful-shutdown", JAR, ServiceProcess.freePort(),
                List.of("--spring.profiles.active=local", "--ledger.embedded-database.data-dir=" + dataDir,
                        "--ledger.embedded-database.port=" + ServiceProcess.freePort()))) {
            service.awaitReady(Duration.ofSeconds(180));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                HttpResponse<String> opened = post(http, service, "/api/threads", Requests.invitation("Invitation " + i),
                        "open-" + i);
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                threads.add(JSON.readTree(opened.body()).get("threadId").asText());
            }

            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicInteger numbers = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (service.isAlive()) {
                        int number = numbers.getAndIncrement();
                        String key = "letter-" + number;
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> answer = post(http, service, "/api/threads/"
                                    + threads.get(number % THREADS) + "/letters", Requests.letter("Svar " + number), key);
                            outcomes.add(new Outcome(key, sent, System.nanoTime(), answer.statusCode(),
                                    answer.statusCode() == 200 ? "" : answer.headers().map() + " " + answer.body()));
                        } catch (IOException e) {
                            outcomes.add(new Outcome(key, sent, System.nanoTime(), 0, e.toString()));
                        }
                    }
                    return null;
                });
            }
            while (outcomes.stream().filter(outcome -> outcome.status() == 200).count() < 150) {
                Thread.sleep(20);
            }
            long sigtermAt = System.nanoTime();
            int exitCode = service.terminate(Duration.ofSeconds(90));
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            String console = service.output();

            assertThat(exitCode).as("exit code; console:%n%s", console).isZero();
            assertThat(console).doesNotContain(" ERROR ");
            // Requests drain first, then the application (Axon, the connection pool) closes, then the database stops.
            // (PostgreSQL's own "fast shutdown" line is relayed by a logger thread the exiting JVM may cut short, so
            // the stop is proven by the pid file the server removes once it has shut down cleanly.)
            assertThat(console).containsSubsequence("Commencing graceful shutdown", "Graceful shutdown complete",
                    "HikariPool-1 - Shutdown completed");
            assertThat(dataDir.resolve("postmaster.pid")).as("the embedded PostgreSQL was stopped cleanly")
                    .doesNotExist();
            List<Outcome> answered = outcomes.stream().filter(outcome -> outcome.status() != 0).toList();
            assertThat(answered).as("answers other than 200 and 503; console:%n%s", console)
                    .allMatch(outcome -> outcome.status() == 200 || outcome.status() == 503);
            List<Outcome> refused = answered.stream().filter(outcome -> outcome.status() == 503).toList();
            assertThat(refused).as("refusals are the application's problem answers, not the web server's pages")
                    .allMatch(outcome -> outcome.answer().contains("application/problem+json"));
            long inFlightAtSigterm = answered.stream()
                    .filter(outcome -> outcome.sent() < sigtermAt && outcome.answered() > sigtermAt).count();
            assertThat(inFlightAtSigterm).as("commands in flight at SIGTERM that were answered").isPositive();

            Map<String, Integer> stored = storedKeys(dataDir);
            List<String> acknowledged = answered.stream().filter(outcome -> outcome.status() == 200).map(Outcome::key)
                    .toList();
            assertThat(acknowledged).allMatch(key -> stored.getOrDefault(key, 0) == 1, "stored exactly once");
            List<String> unanswered = outcomes.stream().filter(outcome -> outcome.status() == 0).map(Outcome::key).toList();
            assertThat(unanswered).as("commands whose client got no answer were not recorded")
                    .noneMatch(stored::containsKey);
            System.out.printf("GracefulShutdownIT: %d acknowledged (%d of them in flight at SIGTERM), %d refused with "
                    + "503, %d unanswered%n", acknowledged.size(), inFlightAtSigterm, refused.size(), unanswered.size());
        }
    }

    private static Map<String, Integer> storedKeys(Path dataDir) throws Exception {
        Map<String, Integer> keys = new HashMap<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> '" + EventMetadata.IDEMPOTENCY_KEY
                             + "' FROM domain_event_entry")) {
            while (rows.next()) {
                keys.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return keys;
    }

    private static HttpResponse<String> post(HttpClient http, ServiceProcess service, String path, String body,
                                             String key) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("clerk:clerk".getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One command: its key, when it was sent and answered (nanoTime), and the status (0: no answer). */
    /** @param answer what came back when it was not a 200: headers and body, or the client's exception */
    private record Outcome(String key, long sent, long answered, int status, String answer) {
    }
}
