package dk.dialogue.ledger.command.web;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A battery of bad requests: each is a 4xx problem naming what is wrong, and none records anything. */
@CommandSideIntegrationTest
class MalformedRequestsIT {

    private static final String VALID = invitation("a valid invitation");
    private static String existingThread;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LedgerClient clerk;

    @BeforeEach
    void thread() {
        clerk = LedgerClient.as(port, "clerk");
        if (existingThread == null) {
            existingThread = clerk.post("/api/threads", VALID).json().get("threadId").asText();
        }
    }

    static Stream<Arguments> badRequests() {
        String letters = "/api/threads/{thread}/letters";
        return Stream.of(
                bad("invalid JSON", "/api/threads", "{\"kind\": ", 400, "body"),
                bad("a JSON array instead of an object", "/api/threads", "[]", 400, "body"),
                bad("trailing garbage after the object", "/api/threads", VALID + " {", 400, "body"),
                bad("an unknown field", "/api/threads", VALID.replaceFirst("\\{", "{\"bogus\": 1,"), 400, "bogus"),
                bad("an unknown nested field", "/api/threads",
                        VALID.replace("\"subject\":", "\"subjekt\": \"x\", \"subject\":"), 400, "letter.subjekt"),
                bad("a string where a list belongs", "/api/threads",
                        VALID.replaceFirst("\"slots\": \\[", "\"slots\": \"tomorrow\", \"ignored\": ["), 400, "slots"),
                bad("an unknown enum value", "/api/threads",
                        VALID.replace("\"kind\": \"INVITATION\"", "\"kind\": \"PARTY\""), 400, "kind"),
                bad("a number where text belongs", "/api/threads",
                        VALID.replace("\"subject\": \"Invitation til JobCAMP19\"", "\"subject\": 42"), 400,
                        "letter.subject"),
                bad("a date in letter spelling", "/api/threads",
                        VALID.replace("\"2019-09-06\"", "\"6. september 2019\""), 400, "letter.letterDate"),
                bad("all required fields missing", "/api/threads", "{}", 400, "kind"),
                bad("a party without a name", "/api/threads",
                        VALID.replace("\"name\": \"Folketingets Beskæftigelsesudvalg\"", "\"name\": \" \""), 400,
                        "letter.recipients[0].party.name"),
                bad("an over-long subject", "/api/threads",
                        VALID.replace("Invitation til JobCAMP19", "x".repeat(5_000)), 400, "letter.subject"),
                bad("an attachment that is not base64", "/api/threads",
                        VALID.replace("UHJvZ3JhbQ==", "not base64!"), 400, "letter.attachments[0].contentBase64"),
                bad("a slot ending before it starts", "/api/threads",
                        VALID.replace("\"2019-11-06T18:00:00+01:00\"", "\"2019-11-06T12:00:00+01:00\""), 422,
                        "slots[0].end"),
                bad("a slot index given as text", "/api/threads/{thread}/acceptance",
                        "{\"proposalId\": \"p\", \"slotIndex\": \"0\", \"acceptedBy\": {\"kind\": \"KL\", "
                                + "\"name\": \"KL\"}}", 400, "slotIndex"),
                bad("a thread id with illegal characters", "/api/threads/bad%20id/letters", letter("x"), 400,
                        "threadId"),
                bad("an empty body", letters, "", 400, "body"),
                bad("a letter without text", letters, letter("x").replace("\"text\": \"x\"", "\"text\": null"), 400,
                        "letter.text"));
    }

    private static Arguments bad(String what, String path, String body, int status, String field) {
        return Arguments.of(what, path, body, status, field);
    }

    @ParameterizedTest(name = "{0} is {3} naming {4}")
    @MethodSource("badRequests")
    void a_bad_request_is_a_4xx_problem_naming_the_field_and_records_nothing(String what, String path, String body,
                                                                            int status, String field) {
        long before = events();

        Response response = clerk.post(path.replace("{thread}", existingThread), body);

        assertProblem(response, status);
        assertThat(response.json().at("/errors/0/field").asText()).as(what).isEqualTo(field);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void missing_required_fields_are_all_listed() {
        Response response = clerk.post("/api/threads", "{}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .contains("kind", "letter", "inviting", "invited");
    }

    @Test
    void a_body_over_the_limit_is_413_whether_announced_or_streamed() {
        long before = events();
        String huge = letter("x".repeat(1_100_000));

        Response announced = clerk.post("/api/threads/" + existingThread + "/letters", huge);
        Response streamed = clerk.post("/api/threads/" + existingThread + "/letters", chunked(huge), Map.of());

        assertProblem(announced, 413);
        assertProblem(streamed, 413);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void headers_are_checked_too() {
        String path = "/api/threads/" + existingThread + "/letters";

        Response ifMatch = clerk.post(path, letter("bad if-match"), Map.of("If-Match", "yesterday"));
        Response key = clerk.post(path, letter("bad key"), Map.of("Idempotency-Key", "k".repeat(300)));
        Response type = clerk.post(path, letter("bad type"), Map.of("Content-Type", "text/plain"));

        assertProblem(ifMatch, 400);
        assertThat(ifMatch.json().at("/errors/0/field").asText()).isEqualTo("If-Match");
        assertProblem(key, 400);
        assertThat(key.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        assertProblem(type, 415);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "dk.dialogue", "com.fasterxml");
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** A publisher of unknown length, so the client sends the body chunked, without Content-Length. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher fixed = HttpRequest.BodyPublishers.ofByteArrays(
                Arrays.asList(Arrays.copyOfRange(bytes, 0, bytes.length / 2),
                        Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length)));
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                fixed.subscribe(subscriber);
            }
        };
    }
}
