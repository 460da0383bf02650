package dk.dialogue.ledger.query.feed;

import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.processing.BatchBuffer;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.PartyIds;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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

    private final JdbcTemplate jdbc;
    private final Serializer events;

    /**
     * @param events the serializer the event store reads with, so that each event's JSON is taken as it was stored
     *               (after upcasting) instead of being written again, and passed on as the stored bytes: as a
     *               string it was decoded here and encoded again by the driver (in a replay's profile, the feed
     *               processor's samples fell by 6 %)
     */
    public FeedWriter(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(ThreadEvent event, DomainEventMessage<?> message) {
        Object correlation = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        Entry entry = new Entry(message.getIdentifier(), FeedTypes.of(event.getClass()), event.threadId().value(),
                message.getSequenceNumber(), Timestamp.from(EventInfos.of(message).recordedAt()),
                event.businessDate() == null ? null : Date.valueOf(event.businessDate()),
                correlation == null ? null : correlation.toString(),
                message.serializePayload(events, byte[].class).getData(),
                event instanceof InvitationReceived opened
                        ? Stream.concat(opened.inviting().stream(), opened.invited().stream()).map(PartyIds::of)
                        .distinct().toList()
                        : List.of());
        BatchBuffer.run(GROUP, ArrayList<Entry>::new, this::write, entries -> entries.add(entry));
    }

    /** Numbers the batch's new events after the last position, in the order received, and stores them. */
    private void write(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // The last position and which of the batch's events the feed already has, in one round trip.
        Set<String> known = new HashSet<>();
        long last = jdbc.queryForObject("SELECT (SELECT coalesce(max(position), 0) FROM feed_entry), "
                + "ARRAY(SELECT event_identifier FROM feed_entry WHERE event_identifier = ANY(?))", (row, number) -> {
                    known.addAll(List.of((String[]) row.getArray(2).getArray()));
                    return row.getLong(1);
                }, (Object) batch.stream().map(Entry::eventId).toArray(String[]::new));
        List<Entry> added = batch.stream().filter(entry -> known.add(entry.eventId())).toList();
        List<Object[]> rows = new ArrayList<>();
        for (Entry entry : added) {
            rows.add(new Object[] {last + 1 + rows.size(), entry.eventId(), entry.type(), entry.threadId(),
                    entry.sequence(), entry.recordedAt(), entry.businessDate(), entry.correlationId(), entry.data()});
        }
        jdbc.batchUpdate("""
                INSERT INTO feed_entry (position, event_identifier, type, thread_id, sequence_number, recorded_at,
                                        business_date, correlation_id, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(convert_from(?, 'UTF8') AS json))""", rows);
        List<Object[]> parties = added.stream().flatMap(entry -> entry.parties().stream()
                .map(party -> new Object[] {entry.threadId(), party})).toList();
        jdbc.batchUpdate("INSERT INTO feed_thread_party (thread_id, party_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                parties);
    }

    /**
     * One event as the feed stores it.
     *
     * @param parties for the event that opens a thread, the parties it involves (for the party filter)
     */
    private record Entry(String eventId, String type, String threadId, long sequence, Timestamp recordedAt,
                         Date businessDate, String correlationId, byte[] data, List<String> parties) {
    }
}
