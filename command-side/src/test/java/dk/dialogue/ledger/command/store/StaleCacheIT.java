package dk.dialogue.ledger.command.store;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Another instance appending to a thread leaves this instance's cached aggregate behind. The append then
 * collides on (thread, sequence number): that must surface as a retry, not as a 500 or a lost event.
 */
@CommandSideIntegrationTest
class StaleCacheIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_command_decided_on_a_stale_cached_thread_is_retried_on_fresh_state_and_succeeds() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation("invitation cached here")).json()
                .get("threadId").asText();
        assertThat(clerk.post("/api/threads/" + threadId + "/letters", letter("reply seen here")).status())
                .isEqualTo(200);
        appendAsAnotherInstanceWould(threadId);

        Response response = clerk.post("/api/threads/" + threadId + "/letters", letter("reply after the other"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("version").asLong()).isEqualTo(4);
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, threadId);
        assertThat(sequence).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void a_stale_if_match_against_a_thread_changed_elsewhere_is_412_not_a_silent_retry() {
        Response response = letterAfterAnotherInstanceWrote("invitation with if-match elsewhere", 1);

        assertThat(response.status()).isEqualTo(412);
        assertThat(response.json().get("currentVersion").asLong()).isEqualTo(2);
    }

    @Test
    void an_if_match_of_the_version_another_instance_wrote_is_decided_on_fresh_state_not_refused_by_the_cache() {
        Response response = letterAfterAnotherInstanceWrote("invitation cached before the other wrote", 2);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("version").asLong()).isEqualTo(3);
    }

    /** Opens a thread here (so it is cached at version 1), appends elsewhere, then sends a letter with If-Match. */
    private Response letterAfterAnotherInstanceWrote(String invitationText, long ifMatch) {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation(invitationText)).json().get("threadId").asText();
        appendAsAnotherInstanceWould(threadId);
        return clerk.post("/api/threads/" + threadId + "/letters", letter("decided on version " + ifMatch),
                java.util.Map.of("If-Match", "\"" + ifMatch + "\""));
    }

    @Test
    void a_correction_of_a_letter_another_instance_recorded_is_accepted_although_the_cached_thread_lacks_it() {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation("invitation cached before the other's letter")).json()
                .get("threadId").asText();
        String letterId = appendAsAnotherInstanceWould(threadId);

        Response response = clerk.post("/api/threads/" + threadId + "/corrections", """
                {"letterId": "%s", "reason": "wrong subject", "correctedLetter": {
                  "letterDate": "2019-09-25", "references": [], "subject": "Written elsewhere, corrected",
                  "senders": [%s], "signatories": [], "recipients": [], "attachments": [], "text": "corrected"}}"""
                .formatted(letterId, dk.dialogue.ledger.command.support.Requests.BEU));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("version").asLong()).isEqualTo(3);
    }

    /**
     * Copies the thread's last event as the next one, a letter with a new id and text, straight into the table.
     *
     * @return the letter's id
     */
    private String appendAsAnotherInstanceWould(String threadId) {
        String letterId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT ?, aggregate_identifier, sequence_number + 1, type, time_stamp,
                    'dk.dialogue.ledger.events.LetterRecorded', '1',
                    convert_to(json_build_object('threadId', aggregate_identifier, 'letterId', ?, 'role', 'OTHER',
                        'letter', json_build_object('letterDate', '2019-09-25', 'subject', 'Written elsewhere',
                            'textSha256', md5(?)), 'businessDate', '2019-09-25')::text, 'UTF8'),
                    meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""",
                UUID.randomUUID().toString(), letterId, UUID.randomUUID().toString(), threadId);
        return letterId;
    }
}
