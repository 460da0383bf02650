package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.BatchBuffer;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.thread.EventInfo;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the timeline read model: one entry per event, in each thread's order. Idempotent: an event the
 * timeline already has (a rebuild or a reset may deliver it again) changes nothing.
 */
@ProcessingGroup(TimelineProjection.GROUP)
public class TimelineProjection {

    public static final String GROUP = "timeline";

    private final TimelineRepository repository;
    private final ReadModelChanges changes;
    private final Savepoints savepoints;

    public TimelineProjection(TimelineRepository repository, ReadModelChanges changes, Savepoints savepoints) {
        this.repository = repository;
        this.changes = changes;
        this.savepoints = savepoints;
    }

    @EventHandler
    void on(ThreadEvent event, DomainEventMessage<?> message) {
        project(event, message);
    }

    /** Adds the event's entry to its thread's timeline, unless the timeline already has it. */
    public void project(ThreadEvent event, DomainEventMessage<?> message) {
        BatchBuffer.run(GROUP + ":" + repository.table(), LinkedHashMap<String, Pending>::new, this::write,
                pending -> project(event, message, pending));
    }

    private void project(ThreadEvent event, DomainEventMessage<?> message, Map<String, Pending> pending) {
        String threadId = event.threadId().value();
        long sequence = message.getSequenceNumber();
        Pending thread = pending.get(threadId);
        long next = thread != null ? thread.next()
                : savepoints.read(() -> repository.lastSequence(threadId)).orElse(-1) + 1;
        if (!ThreadSequence.isNext(threadId, next, message)) {
            return;
        }
        TimelineLines.Line line = TimelineLines.of(event);
        EventInfo info = EventInfos.of(message);
        List<TimelineEntry> entries = thread == null ? new ArrayList<>() : thread.entries();
        entries.add(new TimelineEntry(sequence, event.getClass().getSimpleName(), line.text(), line.actor(),
                event.businessDate(), info.recordedAt(), info.recordedBy()));
        pending.put(threadId, new Pending(sequence + 1, entries));
    }

    private void write(Map<String, Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        repository.insertAll(pending);
        pending.forEach((threadId, thread) -> changes.announce(new ReadModelChange(GROUP, threadId, thread.next())));
    }

    /**
     * A thread's entries added in this batch.
     *
     * @param next the sequence number the thread's next entry must have
     */
    record Pending(long next, List<TimelineEntry> entries) {
    }
}
