package dk.dialogue.ledger.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.PartyIds;
import java.sql.Date;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The feed's single writer: its processor has one segment, so one instance at a time numbers the events,
 * in the order it receives them (commit order, which keeps each thread's order), and records its token in
 * the same transaction. An event already in the feed (redelivery) is not numbered again.
 */
@Component
@ProcessingGroup(FeedWriter.GROUP)
public class FeedWriter {

    public static final String GROUP = "feed";
    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final JdbcTemplate jdbc;

    public FeedWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ThreadEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        Object correlation = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        int added = jdbc.update("""
                INSERT INTO feed_entry (position, event_identifier, type, thread_id, sequence_number, recorded_at,
                                        business_date, correlation_id, data)
                SELECT coalesce(max(position), 0) + 1, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb) FROM feed_entry
                ON CONFLICT (event_identifier) DO NOTHING""",
                message.getIdentifier(), FeedTypes.of(event.getClass()), event.threadId().value(),
                message.getSequenceNumber(), Timestamp.from(EventInfos.of(message).recordedAt()),
                event.businessDate() == null ? null : Date.valueOf(event.businessDate()),
                correlation == null ? null : correlation.toString(), JSON.writeValueAsString(event));
        if (added == 1 && event instanceof InvitationReceived opened) {
            opened.inviting().forEach(party -> participates(opened, PartyIds.of(party)));
            opened.invited().forEach(party -> participates(opened, PartyIds.of(party)));
        }
    }

    private void participates(InvitationReceived opened, String partyId) {
        jdbc.update("INSERT INTO feed_thread_party (thread_id, party_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                opened.threadId().value(), partyId);
    }
}
