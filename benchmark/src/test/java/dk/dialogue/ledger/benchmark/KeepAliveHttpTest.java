package dk.dialogue.ledger.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private KeepAliveHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> answer(exchange, 201, exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), false));
        // A response length of 0 makes the JDK's server send the body in chunks.
        server.createContext("/chunked", exchange -> answer(exchange, 200, "første del, ".repeat(2_000), true));
        server.createContext("/closing", exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            answer(exchange, 200, "last", false);
        });
        server.createContext("/missing", exchange -> answer(exchange, 404, "{\"title\":\"Not found\"}", false));
        server.start();
        http = new KeepAliveHttp();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        received.add(exchange.getRequestMethod());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void a_post_arrives_with_its_body_headers_and_query_and_its_answer_comes_back_whole() throws Exception {
        KeepAliveHttp.Answer answer = http.post(uri("/echo?step=1"), "Basic Y2xlcms6Y2xlcms=",
                "{\"subject\":\"Dialogmøde på rådhuset\"}").get(10, TimeUnit.SECONDS);

        assertEquals(201, answer.status());
        assertEquals("POST /echo?step=1 Basic Y2xlcms6Y2xlcms= {\"subject\":\"Dialogmøde på rådhuset\"}",
                answer.body());
        assertEquals("POST", answer.method());
    }

    @Test
    void a_chunked_answer_is_read_to_its_end_and_the_connection_serves_the_next_request() throws Exception {
        KeepAliveHttp.Answer chunked = http.get(uri("/chunked"), "Basic x").get(10, TimeUnit.SECONDS);
        KeepAliveHttp.Answer next = http.get(uri("/missing"), "Basic x").get(10, TimeUnit.SECONDS);

        assertEquals("første del, ".repeat(2_000), chunked.body());
        assertEquals(404, next.status());
        assertEquals("{\"title\":\"Not found\"}", next.body());
        assertEquals(1, clientPorts.size(), "one kept-alive connection for requests one after another");
    }

    @Test
    void a_connection_the_server_closes_after_its_answer_is_not_used_again() throws Exception {
        KeepAliveHttp.Answer closing = http.get(uri("/closing"), "Basic x").get(10, TimeUnit.SECONDS);
        KeepAliveHttp.Answer next = http.get(uri("/missing"), "Basic x").get(10, TimeUnit.SECONDS);

        assertEquals("last", closing.body());
        assertEquals(404, next.status());
        assertEquals(2, clientPorts.size());
    }

    @Test
    void requests_in_flight_together_each_get_their_own_answer() throws Exception {
        var answers = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> http.post(uri("/echo"), "Basic x", "request " + i)).toList();

        for (int i = 0; i < answers.size(); i++) {
            assertEquals("POST /echo Basic x request " + i, answers.get(i).get(10, TimeUnit.SECONDS).body());
        }
        assertEquals(50, received.size());
    }
}
