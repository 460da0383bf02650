package dk.dialogue.ledger.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@QuerySideIntegrationTest
class LiveUpdatesIT {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    LiveUpdates updates;

    @Test
    void subscribers_get_each_committed_change_filtered_by_thread_or_party() {
        String visit = UUID.randomUUID().toString();
        String jobcamp = UUID.randomUUID().toString();
        List<String> all = subscribe("");
        List<String> aarhus = subscribe("?party=municipality-aarhus-kommune");
        List<String> oneThread = subscribe("?thread=" + jobcamp);
        await().atMost(Duration.ofSeconds(10)).until(() -> updates.subscribers() >= 3);

        EventStoreWriter store = new EventStoreWriter(dataSource);
        store.append(Courses.visit(visit, null));
        store.append(Courses.jobcamp(jobcamp, null));

        // One announcement per committed change: a batch that folds several events of a thread announces its
        // last version, so a subscriber sees versions that only grow and always ends at the latest.
        await().atMost(Duration.ofSeconds(20)).until(() -> all.containsAll(List.of(
                "id:thread-status:" + jobcamp + ":3", "id:thread-status:" + visit + ":5",
                "id:timeline:" + visit + ":5")));
        assertThat(all).contains("event:change");
        assertThat(aarhus).anyMatch(line -> line.contains(visit)).noneMatch(line -> line.contains(jobcamp));
        assertThat(oneThread).anyMatch(line -> line.contains(jobcamp)).noneMatch(line -> line.contains(visit));
    }

    private List<String> subscribe(String query) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream" + query))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("dashboard:dashboard".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                });
        return lines;
    }
}
