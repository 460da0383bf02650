package dk.dialogue.ledger.command.web;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The bound on commands in progress in the running service: one place, no waiting. */
@CommandSideIntegrationTest
@TestPropertySource(properties = {"ledger.http.max-concurrent-commands=1", "ledger.http.admission-wait=0s"})
class AdmissionControlIT {

    private static final int CLIENTS = 24;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commands_beyond_the_bound_are_refused_with_a_503_problem_and_record_nothing() throws Exception {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        long threadsBefore = threads();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Response>> answers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            answers.add(pool.submit(() -> {
                start.await();
                return clerk.post("/api/threads", invitation("invitation " + client),
                        Map.of("Idempotency-Key", "admission-" + client));
            }));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        for (Future<Response> future : answers) {
            Response answer = future.get();
            if (answer.status() == 503) {
                refused++;
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(answer.json().get("title").asText()).isEqualTo("Overloaded");
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                created++;
            }
        }
        pool.shutdown();

        assertThat(created).isPositive();
        assertThat(refused).as("%d clients at once against one place", CLIENTS).isPositive();
        assertThat(threads() - threadsBefore).as("only the admitted commands were recorded").isEqualTo(created);
    }

    @Test
    void a_client_still_sending_its_body_holds_no_place_and_an_unknown_client_gets_401() throws Exception {
        byte[] body = invitation("sent slowly").getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/threads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString("clerk:clerk".getBytes())
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300);

            assertThat(LedgerClient.as(port, "clerk").post("/api/threads", invitation("sent at once")).status())
                    .isEqualTo(201);
            assertThat(LedgerClient.anonymous(port).post("/api/threads", invitation("no credentials")).status())
                    .isEqualTo(401);

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = slow.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 201");
        }
    }

    private long threads() {
        return jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry", Long.class);
    }
}
