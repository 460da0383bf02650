package dk.dialogue.ledger.query.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import dk.dialogue.ledger.query.service.testing.ServiceProcess;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two command sides and two query sides, each a packaged jar in its own JVM, against one PostgreSQL database.
 * Concurrent clients write the same threads through both command sides (so appends race across instances and
 * are decided by the database and retried), and both query sides share the processors. Nothing may be lost
 * or doubled: every thread's sequence is contiguous, every acknowledged command is in the store exactly once
 * at the version it was answered with, nothing unacknowledged is, and both query sides end with complete read
 * models and the whole feed in order.
 */
class ScalingIT {

    private static final Path COMMAND_JAR = Path.of("..", "command-side", "target", "ledger-command-side.jar");
    private static final Path QUERY_JAR = Path.of("target", "ledger-query-side.jar");
    private static final int THREADS = 12;
    private static final int CLIENTS = 16;
    private static final int LETTERS = 1200;
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ServiceProcess> services = new ArrayList<>();

    @AfterEach
    void stopServices() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void two_command_sides_and_two_query_sides_on_one_database_lose_and_double_nothing() throws Exception {
        String databaseUrl = PostgresTestDatabase.createDatabase();
        // The command sides create the event store's tables (Flyway takes a lock, so both may try); the query
        // sides read those tables, so they start once the command sides are up.
        List<ServiceProcess> commandSides = startPair("scaling-command", COMMAND_JAR, databaseUrl);
        List<ServiceProcess> querySides = startPair("scaling-query", QUERY_JAR, databaseUrl);

        List<String> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Answer opened = post(commandSides.get(i % 2), "/api/threads", invitation(i), "open-" + i);
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            threads.add(opened.json().get("threadId").asText());
        }

        // Letter i goes to thread i % THREADS through command side (i / THREADS) % 2: every thread is written
        // through both instances, by many clients at once.
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        List<Future<Boolean>> sent = IntStream.range(0, LETTERS).mapToObj(i -> clients.submit(() -> answers.add(post(
                commandSides.get(i / THREADS % 2), "/api/threads/" + threads.get(i % THREADS) + "/letters",
                letter(i), "letter-" + i)))).toList();
        for (Future<Boolean> future : sent) {
            future.get(5, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();

        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        answers.forEach(answer -> byStatus.merge(answer.status(), 1L, Long::sum));
        List<Answer> acknowledged = answers.stream().filter(answer -> answer.status() == 200).toList();
        System.out.printf("ScalingIT on %s: %d letters to %d threads by %d clients through 2 command sides in "
                        + "%.1f s = %.0f commands/s; answers by status %s%n", PostgresTestDatabase.server(), LETTERS,
                THREADS, CLIENTS, seconds, LETTERS / seconds, byStatus);
        // A command that keeps losing the race is refused with 409 after its attempts, never answered with an error.
        assertThat(byStatus.keySet()).as("statuses").isSubsetOf(200, 409);
        assertThat(acknowledged).as("most letters are recorded despite the contention")
                .hasSizeGreaterThan(LETTERS * 9 / 10);

        Map<String, List<Stored>> store = readEventStore(databaseUrl);
        assertThat(store.keySet()).containsExactlyInAnyOrderElementsOf(threads);
        store.forEach((thread, events) -> assertThat(events).extracting(Stored::sequence).as("sequence of " + thread)
                .containsExactlyElementsOf(IntStream.range(0, events.size()).mapToObj(n -> (long) n).toList()));
        Map<String, String> keyAtPosition = new HashMap<>();
        store.forEach((thread, events) -> events.forEach(event -> keyAtPosition.put(thread + "@" + (event.sequence()
                + 1), event.idempotencyKey())));
        for (Answer answer : acknowledged) {
            assertThat(keyAtPosition.get(answer.thread() + "@" + answer.json().get("version").asLong()))
                    .as("the event at the version %s was answered with", answer.key()).isEqualTo(answer.key());
        }
        List<String> storedLetterKeys = store.values().stream().flatMap(List::stream).map(Stored::idempotencyKey)
                .filter(key -> key.startsWith("letter-")).toList();
        assertThat(storedLetterKeys).as("each acknowledged letter once, nothing else")
                .containsExactlyInAnyOrderElementsOf(acknowledged.stream().map(Answer::key).toList());

        long total = store.values().stream().mapToLong(List::size).sum();
        Set<String> storedIds = new HashSet<>();
        store.values().forEach(events -> events.forEach(event -> storedIds.add(event.eventId())));
        for (ServiceProcess querySide : querySides) {
            for (String thread : threads) {
                long version = store.get(thread).size();
                await().atMost(Duration.ofSeconds(60)).until(() -> threadVersion(querySide, thread) == version);
            }
            List<JsonNode> feed = readFeed(querySide, total);
            assertThat(feed).extracting(event -> event.get("ledgerposition").asLong()).as("positions on " + querySide)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, (int) total).mapToObj(n -> (long) n).toList());
            assertThat(feed).extracting(event -> event.get("id").asText()).as("events on " + querySide)
                    .containsExactlyInAnyOrderElementsOf(storedIds);
            Map<String, List<Long>> sequencesInFeed = new HashMap<>();
            feed.forEach(event -> sequencesInFeed.computeIfAbsent(event.get("subject").asText(), t -> new ArrayList<>())
                    .add(event.get("ledgersequence").asLong()));
            sequencesInFeed.forEach((thread, sequences) -> assertThat(sequences).as("feed order of " + thread)
                    .containsExactlyElementsOf(store.get(thread).stream().map(Stored::sequence).toList()));
        }
    }

    private List<ServiceProcess> startPair(String name, Path jar, String databaseUrl) {
        List<ServiceProcess> pair = Stream.of("a", "b").map(instance -> ServiceProcess.start(name + "-" + instance, jar,
                ServiceProcess.freePort(), List.of("--spring.profiles.active=local",
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password(),
                        // Four services share one server with the other tests' databases.
                        "--spring.datasource.hikari.maximum-pool-size=8"))).toList();
        services.addAll(pair);
        pair.forEach(service -> service.awaitReady(STARTUP));
        return pair;
    }

    private static Map<String, List<Stored>> readEventStore(String databaseUrl) throws SQLException {
        Map<String, List<Stored>> store = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl, PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT aggregate_identifier, sequence_number, event_identifier,
                            convert_from(meta_data, 'UTF8')::jsonb ->> '%s'
                     FROM public.domain_event_entry ORDER BY aggregate_identifier, sequence_number"""
                     .formatted(EventMetadata.IDEMPOTENCY_KEY))) {
            while (rows.next()) {
                store.computeIfAbsent(rows.getString(1), thread -> new ArrayList<>())
                        .add(new Stored(rows.getLong(2), rows.getString(3), rows.getString(4)));
            }
        }
        return store;
    }

    private static long threadVersion(ServiceProcess querySide, String thread) {
        HttpResponse<String> response = get(querySide, "/api/threads/" + thread, "dashboard");
        return response.statusCode() == 200 ? json(response.body()).get("version").asLong() : -1;
    }

    private static List<JsonNode> readFeed(ServiceProcess querySide, long total) {
        List<JsonNode> feed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long after = feed.isEmpty() ? 0 : feed.get(feed.size() - 1).get("ledgerposition").asLong();
            json(get(querySide, "/api/feed?limit=1000&after=" + after, "subscriber").body()).forEach(feed::add);
            return feed.size() >= total;
        });
        return feed;
    }

    private static Answer post(ServiceProcess commandSide, String path, String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandSide.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("clerk"))
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = send(request);
        String thread = path.startsWith("/api/threads/") ? path.split("/")[3] : null;
        return new Answer(key, thread, response.statusCode(), response.body());
    }

    private static HttpResponse<String> get(ServiceProcess service, String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String invitation(int number) {
        return """
                {"kind": "INVITATION",
                 "letter": {"letterDate": "2020-06-24", "subject": "Invitation %d",
                            "senders": [{"kind": "MUNICIPALITY", "name": "Københavns Kommune"}], "text": "Kære udvalg %d"},
                 "inviting": [{"kind": "MUNICIPALITY", "name": "Københavns Kommune"}],
                 "invited": [{"kind": "COMMITTEE", "name": "Folketingets Beskæftigelsesudvalg"}],
                 "slots": [{"start": "2020-09-24T13:00:00+02:00", "end": "2020-09-24T16:00:00+02:00",
                            "precision": "EXACT", "wording": "torsdag d. 24. september kl. 13.00-16.00"}]}"""
                .formatted(number, number);
    }

    private static String letter(int number) {
        return """
                {"role": "REPLY", "letter": {"letterDate": "2020-07-01", "subject": "Svar %d",
                 "senders": [{"kind": "COMMITTEE", "name": "Folketingets Beskæftigelsesudvalg"}], "text": "Svar nr. %d"}}"""
                .formatted(number, number);
    }

    /** A command's answer: its idempotency key, the thread it addressed (null when it opened one), status, body. */
    private record Answer(String key, String thread, int status, String body) {

        JsonNode json() {
            return ScalingIT.json(body);
        }
    }

    /** An event as stored: its sequence in its thread, its id, and the idempotency key of its command. */
    private record Stored(long sequence, String eventId, String idempotencyKey) {
    }
}
