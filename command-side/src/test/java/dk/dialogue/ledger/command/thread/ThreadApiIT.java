package dk.dialogue.ledger.command.thread;

import static dk.dialogue.ledger.command.support.Requests.acceptance;
import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CommandSideIntegrationTest
class ThreadApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LedgerClient clerk;

    @BeforeEach
    void client() {
        clerk = LedgerClient.as(port, "clerk");
    }

    @Test
    void an_invitation_posted_over_http_is_stored_as_an_event_with_its_recording_metadata() throws Exception {
        Response created = clerk.post("/api/threads", invitation("Kære Beskæftigelsesudvalg, KL inviterer ..."),
                Map.of("X-Correlation-Id", "case-2019-42"));

        assertThat(created.status()).isEqualTo(201);
        String threadId = created.json().get("threadId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/threads/" + threadId);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("proposalId").asText()).isNotBlank();

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT sequence_number, type, payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ?""", threadId);
        assertThat(row.get("sequence_number")).isEqualTo(0L);
        assertThat(row.get("type")).isEqualTo("DialogueThread");
        assertThat(row.get("payload_type")).isEqualTo("dk.dialogue.ledger.events.InvitationReceived");
        assertThat(row.get("payload_revision")).isEqualTo("1");

        JsonNode payload = JSON.readTree((byte[]) row.get("payload"));
        assertThat(payload.get("threadId").asText()).isEqualTo(threadId);
        assertThat(payload.get("businessDate").asText()).isEqualTo("2019-09-06");
        assertThat(payload.at("/slots/0/start").asText()).isEqualTo("2019-11-06T14:00:00Z");
        assertThat(payload.at("/letter/references/1/value").asText()).isEmpty();
        String textHash = payload.at("/letter/textSha256").asText();
        assertThat(textHash).isEqualTo(sha256("Kære Beskæftigelsesudvalg, KL inviterer ..."));

        JsonNode metaData = JSON.readTree((byte[]) row.get("meta_data"));
        assertThat(metaData.get("recordedBy").asText()).isEqualTo("clerk");
        assertThat(metaData.get("correlationId").asText()).isEqualTo("case-2019-42");
        assertThat(metaData.get("causationId").asText()).isNotBlank();
        assertThat(metaData.get("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        byte[] text = jdbc.queryForObject("SELECT content FROM document WHERE sha256 = ?", byte[].class, textHash);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("Kære Beskæftigelsesudvalg, KL inviterer ...");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM document WHERE sha256 = ?", Long.class,
                payload.at("/letter/attachments/0/sha256").asText())).isEqualTo(1L);
    }

    @Test
    void each_command_answers_with_the_new_version_as_etag_and_appends_the_next_sequence_number() {
        Response created = clerk.post("/api/threads", invitation("invitation for versions"));
        String threadId = created.json().get("threadId").asText();

        Response accepted = clerk.post("/api/threads/" + threadId + "/acceptance",
                acceptance(created.json().get("proposalId").asText(), 1));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.header("ETag")).isEqualTo("\"2\"");
        assertThat(accepted.json().get("version").asLong()).isEqualTo(2);

        Response held = clerk.post("/api/threads/" + threadId + "/held", """
                {"heldOn": "2019-11-07", "note": "JobCAMP19 besøg gennemført"}""");
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.header("ETag")).isEqualTo("\"3\"");

        List<String> types = jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, threadId);
        assertThat(types).containsExactly("dk.dialogue.ledger.events.InvitationReceived",
                "dk.dialogue.ledger.events.MeetingAccepted", "dk.dialogue.ledger.events.MeetingHeld");
    }

    @Test
    void a_stale_if_match_is_refused_with_412_and_appends_nothing() {
        String threadId = clerk.post("/api/threads", invitation("invitation for if-match")).json()
                .get("threadId").asText();
        assertThat(clerk.post("/api/threads/" + threadId + "/letters", letter("first reply"),
                Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);

        Response stale = clerk.post("/api/threads/" + threadId + "/letters", letter("second reply"),
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(stale.json().at("/errors/0/field").asText()).isEqualTo("If-Match");
        assertThat(eventCount(threadId)).isEqualTo(2);
    }

    @Test
    void a_domain_rule_violation_is_422_naming_the_field_and_appends_nothing() {
        Response created = clerk.post("/api/threads", invitation("invitation for rules"));
        String threadId = created.json().get("threadId").asText();

        Response ownProposal = clerk.post("/api/threads/" + threadId + "/acceptance", """
                {"proposalId": "%s", "slotIndex": 0, "acceptedBy": %s}"""
                .formatted(created.json().get("proposalId").asText(),
                        dk.dialogue.ledger.command.support.Requests.KL));

        assertThat(ownProposal.status()).isEqualTo(422);
        assertThat(ownProposal.json().at("/errors/0/field").asText()).isEqualTo("acceptedBy");
        assertThat(ownProposal.json().get("detail").asText()).contains("own proposal");
        assertThat(eventCount(threadId)).isEqualTo(1);
    }

    @Test
    void a_command_on_an_unknown_thread_is_404() {
        Response response = clerk.post("/api/threads/no-such-thread/letters", letter("lost letter"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void only_clerks_issue_commands() {
        Response anonymous = LedgerClient.anonymous(port).post("/api/threads", invitation("anonymous"));
        Response dashboard = LedgerClient.as(port, "dashboard").post("/api/threads", invitation("dashboard"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(dashboard.status()).isEqualTo(403);
        assertThat(dashboard.header("Content-Type")).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload::text LIKE '%dashboard%'",
                Long.class)).isZero();
    }

    @Test
    void the_openapi_document_describes_the_command_endpoints() {
        Response docs = LedgerClient.anonymous(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/threads/{threadId}/acceptance")).isTrue();
        assertThat(LedgerClient.anonymous(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private long eventCount(String threadId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, threadId);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
