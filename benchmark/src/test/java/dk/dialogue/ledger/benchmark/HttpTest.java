package dk.dialogue.ledger.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTest {

    /** More than one client's threads: every one of them waits for an answer. */
    private static final int STUCK = 300;

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
        server.createContext("/slow", exchange -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, "slow");
        });
        server.createContext("/fast", exchange -> answer(exchange, "fast"));
        server.setExecutor(serverThreads);
        server.start();
        http = new Http();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void a_dashboard_read_is_not_queued_behind_the_clerks_requests_in_flight() throws Exception {
        List<CompletableFuture<KeepAliveHttp.Answer>> clerks = IntStream.range(0, STUCK)
                .mapToObj(i -> http.post(uri("/slow"), "clerk", "{}")).toList();

        KeepAliveHttp.Answer read = http.get(uri("/fast"), "dashboard").get(10, TimeUnit.SECONDS);

        assertEquals("fast", read.body());
        assertFalse(clerks.stream().anyMatch(CompletableFuture::isDone), "the clerks' requests still wait");
        release.countDown();
        for (CompletableFuture<KeepAliveHttp.Answer> clerk : clerks) {
            assertEquals("slow", clerk.get(30, TimeUnit.SECONDS).body());
        }
    }
}
