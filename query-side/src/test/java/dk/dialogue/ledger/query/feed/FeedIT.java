package dk.dialogue.ledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class FeedIT {

    private static final ObjectMapper JSON = EventJson.objectMapper();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void events_arrive_as_cloudevents_at_gapless_positions_in_each_threads_order() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String visit = UUID.randomUUID().toString();
        store.append(Courses.visit(visit, null));
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");

        List<JsonNode> all = awaitAll(subscriber, visit, 5);

        List<JsonNode> ours = all.stream().filter(e -> e.get("subject").asText().equals(visit)).toList();
        JsonNode first = ours.get(0);
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("type").asText()).isEqualTo("dk.dialogue.ledger.InvitationReceived.v1");
        assertThat(first.get("source").asText()).isEqualTo("/dk/dialogue-ledger");
        assertThat(first.get("id").asText()).hasSize(36);
        assertThat(first.get("time").asText()).endsWith("Z");
        assertThat(first.get("ledgerbusinessdate").asText()).isEqualTo("2020-06-24");
        assertThat(first.get("ledgercorrelationid").asText()).isNotBlank();
        assertThat(first.at("/data/threadId").asText()).isEqualTo(visit);
        assertThat(ours).extracting(e -> e.get("ledgersequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get("ledgerposition").asLong()).isEqualTo(i + 1);
        }
        ResponseEntity<String> raw = subscriber.getForEntity("/api/feed?limit=1", String.class);
        assertThat(raw.getHeaders().getContentType().toString()).startsWith("application/cloudevents-batch+json");
        assertThat(raw.getHeaders().getETag()).as("a page is named by its cursor, not hashed").isNull();
    }

    @Test
    void an_events_data_is_its_json_as_stored_not_written_again() throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String visit = UUID.randomUUID().toString();
        ThreadEvent opening = Courses.visit(visit, null).get(0);
        ObjectNode written = (ObjectNode) JSON.valueToTree(opening);
        List<String> fields = new ArrayList<>();
        written.fieldNames().forEachRemaining(fields::add);
        ObjectNode reversed = JSON.createObjectNode();
        Collections.reverse(fields);
        fields.forEach(field -> reversed.set(field, written.get(field)));
        try (Connection connection = dataSource.getConnection()) {
            store.insert(connection, opening, 0, JSON.writeValueAsBytes(reversed));
        }
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");

        JsonNode data = awaitAll(subscriber, visit, 1).stream().filter(e -> e.get("subject").asText().equals(visit))
                .findFirst().orElseThrow().get("data");

        List<String> served = new ArrayList<>();
        data.fieldNames().forEachRemaining(served::add);
        assertThat(served).containsExactlyElementsOf(fields);
        assertThat(data).isEqualTo(written);
    }

    @Test
    void the_feed_filters_by_type_and_party_and_resumes_from_any_position() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String visit = UUID.randomUUID().toString();
        String jobcamp = UUID.randomUUID().toString();
        store.append(Courses.visit(visit, null));
        store.append(Courses.jobcamp(jobcamp, null));
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        List<JsonNode> all = awaitAll(subscriber, jobcamp, 3);

        JsonNode held = subscriber.getForObject("/api/feed?limit=1000&type=dk.dialogue.ledger.MeetingHeld.v1",
                JsonNode.class);
        JsonNode aarhus = subscriber.getForObject("/api/feed?limit=1000&party=municipality-aarhus-kommune",
                JsonNode.class);

        assertThat(held.findValuesAsText("type")).containsOnly("dk.dialogue.ledger.MeetingHeld.v1");
        assertThat(held.findValuesAsText("subject")).contains(visit, jobcamp);
        assertThat(aarhus.findValuesAsText("subject")).contains(visit).doesNotContain(jobcamp);
        for (int from = 0; from < all.size(); from += 3) {
            JsonNode rest = subscriber.getForObject("/api/feed?limit=1000&after=" + from, JsonNode.class);
            assertThat(rest.size()).isEqualTo(Math.min(1000, all.size() - from));
            assertThat(rest.get(0).get("ledgerposition").asLong()).isEqualTo(from + 1);
        }
    }

    @Test
    void each_page_links_to_the_next_one_so_that_following_the_links_reads_every_event_once() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String visit = UUID.randomUUID().toString();
        store.append(Courses.visit(visit, null));
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        List<JsonNode> all = awaitAll(subscriber, visit, 5);

        List<Long> followed = new ArrayList<>();
        String page = "/api/feed?limit=2&type=dk.dialogue.ledger.MeetingHeld.v1"
                + "&type=dk.dialogue.ledger.InvitationReceived.v1";
        while (true) {
            ResponseEntity<JsonNode> answer = subscriber.getForEntity(page, JsonNode.class);
            String link = answer.getHeaders().getFirst("Link");
            assertThat(link).endsWith(">; rel=\"next\"");
            String next = link.substring(1, link.indexOf('>'));
            assertThat(next).contains("limit=2").contains("type=dk.dialogue.ledger.MeetingHeld.v1")
                    .contains("type=dk.dialogue.ledger.InvitationReceived.v1");
            if (answer.getBody().isEmpty()) {
                assertThat(next).as("an empty page links to itself: ask again later").isEqualTo(page);
                break;
            }
            answer.getBody().forEach(event -> followed.add(event.get("ledgerposition").asLong()));
            assertThat(next).startsWith("/api/feed?after=" + followed.get(followed.size() - 1) + "&");
            page = next;
        }

        List<String> types = List.of("dk.dialogue.ledger.MeetingHeld.v1", "dk.dialogue.ledger.InvitationReceived.v1");
        assertThat(followed).containsExactlyElementsOf(all.stream()
                .filter(e -> types.contains(e.get("type").asText())).map(e -> e.get("ledgerposition").asLong())
                .toList());
    }

    @Test
    void events_delivered_again_keep_their_positions_and_are_not_numbered_again() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String before = UUID.randomUUID().toString();
        store.append(Courses.visit(before, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> entries().containsValue(before + "#4"));
        Map<Long, String> fed = entries();
        StreamingEventProcessor feed = processing.eventProcessor(FeedWriter.GROUP, StreamingEventProcessor.class)
                .orElseThrow();

        // The whole history again, as after a crash lost the feed's last commits or an operator's reset.
        feed.shutDown();
        feed.resetTokens();
        feed.start();
        // A replay ends with the first event after the position it was reset at.
        String after = UUID.randomUUID().toString();
        store.append(Courses.jobcamp(after, null).subList(0, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> entries().containsValue(after + "#0")
                && !feed.processingStatus().isEmpty()
                && feed.processingStatus().values().stream().noneMatch(EventTrackerStatus::isReplaying));

        Map<Long, String> now = entries();
        assertThat(now).hasSize(fed.size() + 1).containsAllEntriesOf(fed)
                .containsEntry((long) fed.size() + 1, after + "#0");
    }

    /** Every event in the feed, as thread#sequence by position. */
    private Map<Long, String> entries() {
        Map<Long, String> entries = new TreeMap<>();
        jdbc.query("SELECT position, thread_id || '#' || sequence_number FROM feed_entry",
                row -> {
                    entries.put(row.getLong(1), row.getString(2));
                });
        return entries;
    }

    @Test
    void a_long_poll_answers_as_soon_as_an_event_arrives() throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        long head = headPosition(subscriber);
        String thread = UUID.randomUUID().toString();

        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() ->
                subscriber.getForObject("/api/feed?wait=20&after=" + head, JsonNode.class));
        Thread.sleep(1000);
        assertThat(poll).isNotDone();
        store.append(Courses.jobcamp(thread, null).subList(0, 1));

        JsonNode events = poll.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.get(0).get("subject").asText()).isEqualTo(thread);
        assertThat(events.get(0).get("ledgerposition").asLong()).isEqualTo(head + 1);
    }

    @Test
    void the_stream_resumes_after_a_disconnect_from_the_last_event_id_without_a_gap() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        String first = UUID.randomUUID().toString();
        store.append(Courses.visit(first, null));
        awaitAll(subscriber, first, 5);
        long head = headPosition(subscriber);

        List<String> before = new CopyOnWriteArrayList<>();
        CompletableFuture<?> connection = stream(0, null, before);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(before).size() >= head);
        connection.cancel(true);
        List<Long> seen = new ArrayList<>(ids(before));
        long lastId = seen.get(seen.size() - 1);

        String second = UUID.randomUUID().toString();
        store.append(Courses.jobcamp(second, null));
        List<String> after = new CopyOnWriteArrayList<>();
        stream(-1, Long.toString(lastId), after);
        await().atMost(Duration.ofSeconds(20)).until(() -> after.stream().anyMatch(line -> line.contains(second)
                && line.contains("MeetingHeld")));

        List<Long> resumed = ids(after);
        assertThat(resumed.get(0)).isEqualTo(lastId + 1);
        for (int i = 1; i < resumed.size(); i++) {
            assertThat(resumed.get(i)).isEqualTo(resumed.get(i - 1) + 1);
        }
    }

    @Test
    void every_type_in_the_feed_has_a_published_json_schema() {
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        JsonNode schemas = subscriber.getForObject("/api/feed/schemas", JsonNode.class);
        List<String> types = new ArrayList<>();
        subscriber.getForObject("/api/feed?limit=1000", JsonNode.class).forEach(e -> types.add(e.get("type").asText()));

        assertThat(schemas.size()).isEqualTo(14);
        assertThat(types).allMatch(schemas::has);
        assertThat(subscriber.getForObject("/api/feed/schemas/dk.dialogue.ledger.MeetingHeld.v1", JsonNode.class)
                .at("/properties/businessDate/anyOf/0/format").asText()).isEqualTo("date");
        assertThat(subscriber.getForEntity("/api/feed/schemas/dk.dialogue.ledger.Nothing.v1", String.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void the_feed_is_for_subscribers_and_checks_its_parameters() {
        assertThat(http.getForEntity("/api/feed", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth("dashboard", "dashboard").getForEntity("/api/feed", String.class)
                .getStatusCode().value()).isEqualTo(403);
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        assertThat(subscriber.getForEntity("/api/feed?limit=5000", JsonNode.class).getBody().at("/errors/0/field")
                .asText()).isEqualTo("limit");
        assertThat(subscriber.getForEntity("/api/feed?after=-1", JsonNode.class).getStatusCode().value())
                .isEqualTo(400);
        assertThat(subscriber.getForEntity("/api/feed?wait=600", JsonNode.class).getStatusCode().value())
                .isEqualTo(400);
    }

    /** The whole feed once the thread's events are in it (page by page: the test context's feed may be long). */
    private List<JsonNode> awaitAll(TestRestTemplate subscriber, String thread, int events) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> wholeFeed(subscriber), all -> all.stream()
                .filter(event -> event.get("subject").asText().equals(thread)).count() == events);
    }

    private List<JsonNode> wholeFeed(TestRestTemplate subscriber) {
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            long after = all.isEmpty() ? 0 : all.get(all.size() - 1).get("ledgerposition").asLong();
            JsonNode page = subscriber.getForObject("/api/feed?limit=1000&after=" + after, JsonNode.class);
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(all::add);
        }
    }

    private long headPosition(TestRestTemplate subscriber) {
        List<JsonNode> all = wholeFeed(subscriber);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).get("ledgerposition").asLong();
    }

    private static List<Long> ids(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("id:")).map(line -> Long.parseLong(line.substring(3)))
                .toList();
    }

    private CompletableFuture<?> stream(long after, String lastEventId, List<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/feed/stream"
                        + (after >= 0 ? "?after=" + after : "")))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("subscriber:subscriber".getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                });
    }
}
