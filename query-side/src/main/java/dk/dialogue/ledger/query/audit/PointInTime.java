package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import dk.dialogue.ledger.query.thread.EventInfo;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadDetail;
import dk.dialogue.ledger.query.thread.ThreadFold;
import dk.dialogue.ledger.query.thread.ThreadSummary;
import dk.dialogue.ledger.query.thread.FoldedThread;
import dk.dialogue.ledger.query.web.NotFound;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threads as they stood at a past moment, computed by {@link ThreadFold} — the fold that builds the live
 * thread-status projection — over the part of the history that qualifies.
 */
@Service
public class PointInTime {

    private final StoredEvents events;

    public PointInTime(StoredEvents events) {
        this.events = events;
    }

    /** As the ledger recorded it at {@code at}: only events recorded up to then; overdue judged on that day. */
    public View asRecorded(String threadId, Instant at) {
        return fold(threadId, (event, info) -> !info.recordedAt().isAfter(at),
                LocalDate.ofInstant(at, WebConfiguration.COPENHAGEN), "recorded at " + at);
    }

    /** As of a business date: only what had happened by {@code date}, including letters registered later. */
    public View asOf(String threadId, LocalDate date) {
        return fold(threadId, (event, info) -> !event.businessDate().isAfter(date), date, "as of " + date);
    }

    /** Every thread as the ledger recorded it at {@code at}, in thread-id order, a page at a time. */
    @Transactional(readOnly = true)
    public ThreadsAt threadsAt(Instant at, String after, int limit) {
        List<ThreadSummary> threads = new ArrayList<>();
        List<StoredEvent> current = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(at, WebConfiguration.COPENHAGEN);
        List<String> considered = new ArrayList<>();
        events.forThreads(after == null ? "" : after, limit,
                "(convert_from(meta_data, 'UTF8')::jsonb->>'recordedAt')::timestamptz <= ?", Timestamp.from(at), e -> {
                    if (!current.isEmpty() && !current.get(0).threadId().equals(e.threadId())) {
                        summarise(current, day, threads);
                        current.clear();
                    }
                    if (current.isEmpty()) {
                        considered.add(e.threadId());
                    }
                    current.add(e);
                });
        summarise(current, day, threads);
        String next = considered.size() == limit ? considered.get(considered.size() - 1) : null;
        return new ThreadsAt(at, threads, next);
    }

    /** A stream of events that never opened a thread (its opening event failed to fold) is not a thread. */
    private void summarise(List<StoredEvent> thread, LocalDate day, List<ThreadSummary> threads) {
        if (!thread.isEmpty()) {
            FoldedThread folded = replay(thread, (event, info) -> true).thread();
            if (folded != null) {
                threads.add(ThreadSummary.of(folded.view(), day));
            }
        }
    }

    private View fold(String threadId, BiPredicate<ThreadEvent, EventInfo> included, LocalDate today, String when) {
        List<StoredEvent> stored = events.thread(threadId);
        if (stored.isEmpty()) {
            throw new NotFound("no thread " + threadId);
        }
        Replay replay = replay(stored, included);
        if (replay.thread() == null) {
            throw new NotFound("thread " + threadId + " did not exist " + when);
        }
        return new View(ThreadDetail.of(replay.thread(), today), replay.included(), replay.notApplicable());
    }

    /**
     * Folds the qualifying events in sequence order. Filtering by business date can leave out an event a later
     * one builds on (a reschedule dated before the acceptance it changes); such an event is left out and listed,
     * so the state shown is exactly what the dated facts support.
     */
    private Replay replay(List<StoredEvent> stored, BiPredicate<ThreadEvent, EventInfo> included) {
        FoldedThread folded = null;
        List<Long> used = new ArrayList<>();
        List<Long> notApplicable = new ArrayList<>();
        for (DomainEventMessage<?> message : events.messages(stored).toList()) {
            ThreadEvent event = (ThreadEvent) message.getPayload();
            EventInfo info = EventInfos.of(message);
            if (!included.test(event, info)) {
                continue;
            }
            try {
                folded = ThreadFold.apply(folded, event, info);
                used.add(info.sequence());
            } catch (RuntimeException cannotFollow) {
                notApplicable.add(info.sequence());
            }
        }
        return new Replay(folded, used, notApplicable);
    }

    private record Replay(FoldedThread thread, List<Long> included, List<Long> notApplicable) {
    }

    /**
     * @param included      sequence numbers of the events folded in
     * @param notApplicable sequence numbers of qualifying events that could not follow the others
     */
    public record View(ThreadDetail thread, List<Long> included, List<Long> notApplicable) {
    }

    /** @param next the thread id to pass as {@code after} for the next page; {@code null} on the last page */
    public record ThreadsAt(Instant at, List<ThreadSummary> threads, String next) {
    }
}
