package dk.dialogue.ledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;

/**
 * Graceful shutdown on a real Tomcat configured as the service configures it: the request running when shutdown
 * begins finishes, and a request that reaches the paused connector is refused by the application with a 503 problem.
 */
class ShutdownDrainTest {

    private final ShutdownDrain drain = new ShutdownDrain(new ProblemWriter(new ObjectMapper()));
    private final CountDownLatch slowRequestStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSlowRequest = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();
    private WebServer server;

    @BeforeEach
    void startServer() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setShutdown(Shutdown.GRACEFUL);
        new WebConfiguration().drainingProtocol().customize(factory);
        server = factory.getWebServer(context -> {
            context.addFilter("drain", drain).addMappingForUrlPatterns(null, false, "/*");
            context.addServlet("app", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    served.incrementAndGet();
                    if (request.getRequestURI().equals("/slow")) {
                        slowRequestStarted.countDown();
                        await(releaseSlowRequest);
                    }
                    response.getWriter().write("done");
                }
            }).addMapping("/*");
        });
        server.start();
        drain.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlowRequest.countDown();
        server.stop();
    }

    @Test
    void before_shutdown_requests_pass_through_and_connections_are_kept_alive() throws Exception {
        try (Socket connection = connect()) {
            assertThat(exchange(connection, "/first").status()).isEqualTo(200);
            Answer second = exchange(connection, "/second");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.headers()).doesNotContain("connection: close");
        }
        assertThat(served).hasValue(2);
    }

    @Test
    void a_request_read_during_graceful_shutdown_is_refused_with_a_503_problem_while_the_running_one_finishes()
            throws Exception {
        try (Socket idle = connect(); Socket busy = connect()) {
            assertThat(exchange(idle, "/warm-up").status()).isEqualTo(200);
            CompletableFuture<Answer> slow = CompletableFuture.supplyAsync(() -> exchange(busy, "/slow"));
            assertThat(slowRequestStarted.await(10, TimeUnit.SECONDS)).isTrue();

            drain.stop();
            CompletableFuture<GracefulShutdownResult> shutdown = new CompletableFuture<>();
            server.shutDownGracefully(shutdown::complete);

            // The connector is paused now; this request on a kept-alive connection is read all the same.
            Answer refused = exchange(idle, "/late");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).contains("content-type: application/problem+json", "connection: close");
            assertThat(refused.body()).contains("\"status\":503", "\"instance\":\"/late\"");
            assertThat(shutdown).isNotDone();

            releaseSlowRequest.countDown();
            Answer finished = slow.get(10, TimeUnit.SECONDS);
            assertThat(finished.status()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("done");
            assertThat(finished.headers()).contains("connection: close");
            assertThat(shutdown.get(10, TimeUnit.SECONDS)).isEqualTo(GracefulShutdownResult.IDLE);
        }
        assertThat(served).as("the refused request never reached the application's handler").hasValue(2);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One HTTP/1.1 exchange on an open connection; headers are lower-cased, one per line. */
    private static Answer exchange(Socket connection, String path) {
        try {
            connection.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = connection.getInputStream();
            String head = readHead(in);
            int length = 0;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                if (line.startsWith("content-length: ")) {
                    length = Integer.parseInt(line.substring("content-length: ".length()));
                }
                chunked |= line.equals("transfer-encoding: chunked");
            }
            String body = chunked ? readChunked(in) : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed without an answer");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            ByteArrayOutputStream size = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed inside a chunked body");
                }
                size.write(b);
            }
            int length = Integer.parseInt(size.toString(StandardCharsets.US_ASCII).trim(), 16);
            body.write(in.readNBytes(length));
            in.readNBytes(2);
            if (length == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String headers, String body) {
    }
}
