package dk.dialogue.ledger.command.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SampleCorrespondenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Substitutions substitutions = new Substitutions(file -> {
        if (!file.equals("invitation.txt")) {
            throw new IllegalArgumentException("there is no letter samples/letters/" + file);
        }
        return "Kære udvalg,\nvi inviterer ${ikke.erstattet} \"jer\".";
    });

    @Test
    void fillsInCapturedFieldsAnywhereInAPath() {
        substitutions.capture("visit", json("{\"threadId\": \"t-1\", \"version\": 3, \"proposalId\": \"p-1\"}"));

        assertThat(substitutions.interpolate("/api/threads/${visit.threadId}/proposals/${visit.proposalId}/withdrawal"))
                .isEqualTo("/api/threads/t-1/proposals/p-1/withdrawal");
        assertThat(substitutions.interpolate("version ${visit.version}")).isEqualTo("version 3");
        assertThat(substitutions.interpolate("/api/threads")).isEqualTo("/api/threads");
    }

    @Test
    void substitutesEveryStringValueOfABodyAndLeavesTheRestAsWritten() {
        substitutions.capture("visit", json("{\"threadId\": \"t-1\", \"proposalId\": \"p-1\"}"));
        substitutions.capture("move", json("{\"threadId\": \"t-1\", \"letterId\": \"l-2\"}"));
        JsonNode body = json("""
                {"proposalId": "${visit.proposalId}", "slotIndex": 0, "late": false, "location": null,
                 "letters": ["${move.letterId}", "see ${visit.threadId} and ${move.letterId}"],
                 "letter": {"text": "@letters/invitation.txt", "subject": "Svar på @letters/invitation.txt"}}""");

        JsonNode resolved = substitutions.resolve(body);

        assertThat(resolved).isEqualTo(json("""
                {"proposalId": "p-1", "slotIndex": 0, "late": false, "location": null,
                 "letters": ["l-2", "see t-1 and l-2"],
                 "letter": {"text": "Kære udvalg,\\nvi inviterer ${ikke.erstattet} \\"jer\\".",
                            "subject": "Svar på @letters/invitation.txt"}}"""));
        assertThat(body.get("proposalId").textValue()).as("the course itself is not changed")
                .isEqualTo("${visit.proposalId}");
    }

    @Test
    void refusesReferencesItCannotFillIn() {
        substitutions.capture("visit", json("{\"threadId\": \"t-1\", \"version\": 1}"));

        assertThatThrownBy(() -> substitutions.interpolate("/api/threads/${call.threadId}"))
                .hasMessageContaining("${call.threadId}").hasMessageContaining("[visit]");
        assertThatThrownBy(() -> substitutions.interpolate("${visit.proposalId}"))
                .hasMessageContaining("no field \"proposalId\"");
        assertThatThrownBy(() -> substitutions.interpolate("${visit}"))
                .hasMessageContaining("${name.field}");
        assertThatThrownBy(() -> substitutions.resolve(json("{\"text\": \"@letters/missing.txt\"}")))
                .hasMessageContaining("samples/letters/missing.txt");
        assertThatThrownBy(() -> substitutions.capture("visit", json("{\"threadId\": \"t-2\"}")))
                .hasMessageContaining("already captured");
    }

    @Test
    void shipsCoursesInFileNameOrderWhoseLettersExist() {
        List<Course> courses = new SampleCorrespondence("http://localhost:1", "clerk", "clerk").courses();

        assertThat(courses).extracting(Course::name)
                .containsExactly("2013-partnership-call", "2019-jobcamp19-dialogue-meeting", "2020-four-cities-visit");
        List<String> letters = new ArrayList<>();
        courses.forEach(course -> course.steps().forEach(step -> collectLetters(step.body(), letters)));
        assertThat(letters).hasSize(4).allSatisfy(letter -> assertThat(
                getClass().getClassLoader().getResource("samples/letters/" + letter)).as(letter).isNotNull());
    }

    @Test
    void sendsEachStepWithItsIdempotencyKeyAndNamesTheStepThatFails() throws IOException {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(Map.of("path", exchange.getRequestURI().getPath(),
                        "key", exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        "authorization", exchange.getRequestHeaders().getFirst("Authorization"),
                        "body", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            boolean first = received.size() == 1;
            byte[] answer = (first ? "{\"threadId\": \"t-1\", \"version\": 1, \"proposalId\": \"p-1\"}"
                    : "{\"title\": \"Rule violated\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(first ? 201 : 422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Course course = new Course("demo", "two steps", List.of(
                    new Course.Step("/api/threads", "visit", json("{\"kind\": \"INVITATION\"}")),
                    new Course.Step("/api/threads/${visit.threadId}/acceptance", null,
                            json("{\"proposalId\": \"${visit.proposalId}\"}"))));
            SampleCorrespondence samples = new SampleCorrespondence(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", "clerk", "secret");

            assertThatThrownBy(() -> samples.load(course))
                    .hasMessageContaining("sample course demo, step 2 of 2")
                    .hasMessageContaining("(POST /api/threads/${visit.threadId}/acceptance)")
                    .hasMessageContaining("HTTP 422")
                    .hasMessageContaining("Rule violated");
        } finally {
            server.stop(0);
        }

        String basic = "Basic " + Base64.getEncoder().encodeToString("clerk:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(received).containsExactly(
                Map.of("path", "/api/threads", "key", "sample:demo:1", "authorization", basic,
                        "body", "{\"kind\":\"INVITATION\"}"),
                Map.of("path", "/api/threads/t-1/acceptance", "key", "sample:demo:2", "authorization", basic,
                        "body", "{\"proposalId\":\"p-1\"}"));
    }

    private static void collectLetters(JsonNode node, List<String> letters) {
        if (node.isTextual() && node.textValue().startsWith(Substitutions.LETTER_PREFIX)) {
            letters.add(node.textValue().substring(Substitutions.LETTER_PREFIX.length()));
        }
        node.forEach(child -> collectLetters(child, letters));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
