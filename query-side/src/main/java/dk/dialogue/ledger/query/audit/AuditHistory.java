package dk.dialogue.ledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import dk.dialogue.ledger.query.thread.EventInfo;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadFold;
import dk.dialogue.ledger.query.thread.FoldedThread;
import dk.dialogue.ledger.query.web.NotFound;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Service;

/** The history as stored: a thread's events, the global history with filters, a thread's documents. */
@Service
public class AuditHistory {

    private final StoredEvents events;
    private final ObjectMapper json = EventJson.objectMapper();

    public AuditHistory(StoredEvents events) {
        this.events = events;
    }

    public List<HistoryEntry> thread(String threadId) {
        List<HistoryEntry> history = events.thread(threadId).stream().map(e -> HistoryEntry.of(e, json)).toList();
        if (history.isEmpty()) {
            throw new NotFound("no thread " + threadId);
        }
        return history;
    }

    /** A page of the global history in position order; {@code next} is the cursor for the following page. */
    public HistoryPage events(Filter filter, long after, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        String meta = "(convert_from(meta_data, 'UTF8')::jsonb)";
        String payload = "(convert_from(payload, 'UTF8')::jsonb)";
        if (filter.recordedFrom() != null) {
            conditions.add("(" + meta + "->>'recordedAt')::timestamptz >= ?");
            arguments.add(Timestamp.from(filter.recordedFrom()));
        }
        if (filter.recordedTo() != null) {
            conditions.add("(" + meta + "->>'recordedAt')::timestamptz < ?");
            arguments.add(Timestamp.from(filter.recordedTo()));
        }
        if (filter.businessFrom() != null) {
            conditions.add("(" + payload + "->>'businessDate')::date >= ?");
            arguments.add(filter.businessFrom());
        }
        if (filter.businessTo() != null) {
            conditions.add("(" + payload + "->>'businessDate')::date <= ?");
            arguments.add(filter.businessTo());
        }
        if (filter.type() != null) {
            conditions.add("payload_type = ?");
            arguments.add(ThreadEvent.class.getPackageName() + "." + filter.type());
        }
        if (filter.recordedBy() != null) {
            conditions.add(meta + "->>'recordedBy' = ?");
            arguments.add(filter.recordedBy());
        }
        if (filter.party() != null) {
            conditions.add("aggregate_identifier IN (SELECT thread_id FROM thread_party WHERE party_id = ?)");
            arguments.add(filter.party());
        }
        String where = conditions.stream().map(c -> " AND " + c).reduce("", String::concat);
        List<HistoryEntry> page = events.page(after, limit, where, arguments).stream()
                .map(e -> HistoryEntry.of(e, json)).toList();
        return new HistoryPage(page, page.size() == limit ? page.get(page.size() - 1).position() : null);
    }

    /** The thread's letters, as registered now (corrections applied), with when and by whom each was registered. */
    public List<DocumentEntry> documents(String threadId) {
        List<StoredEvent> stored = events.thread(threadId);
        if (stored.isEmpty()) {
            throw new NotFound("no thread " + threadId);
        }
        FoldedThread thread = null;
        Map<String, EventInfo> registered = new HashMap<>();
        for (DomainEventMessage<?> message : events.messages(stored).toList()) {
            ThreadEvent event = (ThreadEvent) message.getPayload();
            EventInfo info = EventInfos.of(message);
            thread = ThreadFold.apply(thread, event, info);
            if (event instanceof InvitationReceived opened) {
                registered.put(opened.letterId().value(), info);
            } else if (event instanceof LetterRecorded recorded) {
                registered.put(recorded.letterId().value(), info);
            }
        }
        return thread.letters().stream().map(letter -> {
            EventInfo info = registered.get(letter.letterId());
            return new DocumentEntry(letter.letterId(), letter.role(), letter.letterDate(), letter.subject(),
                    letter.references(), letter.senders(), letter.signatories(), letter.recipients(),
                    letter.attachments(), letter.textSha256(), letter.corrected(), info.recordedAt(),
                    info.recordedBy());
        }).toList();
    }

    /**
     * Filters of the global history; {@code null} means unrestricted.
     *
     * @param recordedTo exclusive
     * @param businessTo inclusive
     * @param type       an event type's simple name, e.g. {@code DateProposed}
     * @param party      a party id: events of the threads the party takes part in
     */
    public record Filter(java.time.Instant recordedFrom, java.time.Instant recordedTo, LocalDate businessFrom,
                         LocalDate businessTo, String type, String recordedBy, String party) {
    }

    /** @param next the position to pass as {@code after} for the next page; {@code null} on the last page */
    public record HistoryPage(List<HistoryEntry> events, Long next) {
    }
}
