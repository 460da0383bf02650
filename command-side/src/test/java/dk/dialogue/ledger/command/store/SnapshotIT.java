package dk.dialogue.ledger.command.store;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

@CommandSideIntegrationTest
@TestPropertySource(properties = "ledger.event-store.snapshot-threshold=10")
class SnapshotIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Cache threadCache;

    @Test
    void a_long_thread_is_snapshotted_and_loads_from_its_snapshot_with_the_same_rules_and_version() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        Response created = clerk.post("/api/threads", invitation("a long correspondence"));
        String threadId = created.json().get("threadId").asText();
        for (int i = 0; i < 24; i++) {
            assertThat(clerk.post("/api/threads/" + threadId + "/letters", letter("reminder " + i)).status())
                    .isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, threadId)).isPositive();
        String snapshot = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, threadId);
        assertThat(snapshot).contains("\"stage\":\"DATE_PROPOSED\"").contains("Svar på invitation til JobCAMP19");

        threadCache.removeAll();
        Response duplicate = clerk.post("/api/threads/" + threadId + "/letters", letter("reminder 3"));
        Response accepted = clerk.post("/api/threads/" + threadId + "/acceptance", """
                {"proposalId": "%s", "slotIndex": 0, "acceptedBy": %s}"""
                .formatted(created.json().get("proposalId").asText(),
                        dk.dialogue.ledger.command.support.Requests.BEU));

        assertThat(duplicate.status()).as("letters known from the snapshot").isEqualTo(422);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("version").asLong()).isEqualTo(26);
    }
}
