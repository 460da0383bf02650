package dk.dialogue.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.feed.FeedStreams;
import dk.dialogue.ledger.query.live.LiveUpdates;
import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Open Server-Sent Event streams are active requests: unless the service ends them, graceful shutdown waits
 * for them until its 30 s timeout, and an orchestrator kills the instance instead. The instance is this
 * test's own, as closing a test framework's cached context would pull it from under other tests.
 */
class ShutdownWithOpenStreamsIT {

    @Test
    void shutdown_ends_open_live_update_and_feed_streams_instead_of_waiting_for_them() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("local")
                // Arguments, as application.yml's datasource would win over default properties.
                .run("--server.port=0", "--spring.datasource.url=" + PostgresTestDatabase.createEventStoreDatabase(),
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password(),
                        "--ledger.audit.signing-key-file=target/audit-signing-key.pem",
                        "--ledger.audit.seal-interval=PT1H");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        CompletableFuture<Long> live = stream(port, "/api/stream", "dashboard");
        CompletableFuture<Long> feed = stream(port, "/api/feed/stream", "subscriber");
        // Both registered: on a busy machine a request still connecting when the context closes is refused instead.
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(LiveUpdates.class).subscribers() == 1
                && context.getBean(FeedStreams.class).subscribers() == 1);
        assertThat(live).isNotDone();
        assertThat(feed).isNotDone();

        long started = System.nanoTime();
        context.close();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(seconds).as("seconds to shut down with open streams").isLessThan(10);
        assertThat(live.get(5, TimeUnit.SECONDS)).as("lines the live stream sent before it ended").isPositive();
        assertThat(feed.get(5, TimeUnit.SECONDS)).as("lines the feed stream sent before it ended").isNotNegative();
    }

    /** Completes with the number of lines received once the server ends the stream. */
    private static CompletableFuture<Long> stream(int port, String path, String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    try (var lines = response.body()) {
                        return lines.count();
                    }
                });
    }
}
