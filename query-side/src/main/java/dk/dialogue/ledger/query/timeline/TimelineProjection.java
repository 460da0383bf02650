package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.BatchBuffer;
import dk.dialogue.ledger.query.processing.BatchReads;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.thread.EventInfo;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        BatchBuffer.run(GROUP + ":" + repository.table(), Batch::new, this::write,
                batch -> project(event, message, batch));
    }

    private void project(ThreadEvent event, DomainEventMessage<?> message, Batch batch) {
        String threadId = event.threadId().value();
        long sequence = message.getSequenceNumber();
        Map<String, Pending> pending = batch.pending;
        Pending thread = pending.get(threadId);
        long next = thread != null ? thread.next() : batch.lastStored.get(threadId).orElse(-1L) + 1;
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

    private void write(Batch batch) {
        Map<String, Pending> pending = batch.pending;
        if (pending.isEmpty()) {
            return;
        }
        repository.insertAll(pending);
        changes.announce(pending.entrySet().stream().map(thread -> new ReadModelChange(GROUP, thread.getKey(),
                thread.getValue().next())).toList());
    }

    /**
     * A thread's entries added in this batch.
     *
     * @param next the sequence number the thread's next entry must have
     */
    record Pending(long next, List<TimelineEntry> entries) {
    }

    /** One batch: the threads' new entries, and the sequence numbers stored before it, read together. */
    private final class Batch {

        private final Map<String, Pending> pending = new LinkedHashMap<>();
        private final BatchReads<Long> lastStored = BatchReads.byThread(savepoints, repository::lastSequences,
                threadId -> {
                    OptionalLong last = repository.lastSequence(threadId);
                    return last.isPresent() ? Optional.of(last.getAsLong()) : Optional.empty();
                });
    }
}
