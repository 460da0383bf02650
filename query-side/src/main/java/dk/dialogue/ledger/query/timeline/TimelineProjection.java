package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.thread.EventInfo;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadSequence;
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
        savepoints.run(() -> project(event, message));
    }

    /** Adds the event's entry to its thread's timeline, unless the timeline already has it. */
    public void project(ThreadEvent event, DomainEventMessage<?> message) {
        String threadId = event.threadId().value();
        long sequence = message.getSequenceNumber();
        if (!ThreadSequence.isNext(threadId, repository.lastSequence(threadId).orElse(-1) + 1, message)) {
            return;
        }
        TimelineLines.Line line = TimelineLines.of(event);
        EventInfo info = EventInfos.of(message);
        repository.insert(threadId, new TimelineEntry(sequence, event.getClass().getSimpleName(), line.text(),
                line.actor(), event.businessDate(), info.recordedAt(), info.recordedBy()));
        changes.announce(new ReadModelChange(GROUP, threadId, sequence + 1));
    }
}
