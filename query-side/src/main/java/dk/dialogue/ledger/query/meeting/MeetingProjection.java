package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.BatchBuffer;
import dk.dialogue.ledger.query.processing.BatchReads;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.thread.EventInfos;
import dk.dialogue.ledger.query.thread.ThreadSequence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the meeting calendar: remembers each thread's subject, parties and place, and turns its acceptance,
 * moves, holding and cancellation into its meeting. Idempotent: an event the thread's row already reflects
 * (a rebuild or a reset may deliver it again) changes nothing.
 */
@ProcessingGroup(MeetingProjection.GROUP)
public class MeetingProjection {

    public static final String GROUP = "meetings";

    private final MeetingRepository repository;
    private final ReadModelChanges changes;
    private final Savepoints savepoints;

    public MeetingProjection(MeetingRepository repository, ReadModelChanges changes, Savepoints savepoints) {
        this.repository = repository;
        this.changes = changes;
        this.savepoints = savepoints;
    }

    @EventHandler
    void on(ThreadEvent event, DomainEventMessage<?> message) {
        project(event, message);
    }

    /** Applies the event to its thread's meeting, unless already reflected. */
    public void project(ThreadEvent event, DomainEventMessage<?> message) {
        BatchBuffer.run(GROUP + ":" + repository.table(), Pending::new, this::write,
                pending -> project(event, message, pending));
    }

    private void project(ThreadEvent event, DomainEventMessage<?> message, Pending pending) {
        String threadId = event.threadId().value();
        Optional<MeetingThread> known = pending.threads.containsKey(threadId)
                ? Optional.of(pending.threads.get(threadId)) : pending.storedThreads.get(threadId);
        if (!ThreadSequence.isNext(threadId, known.map(MeetingThread::version).orElse(0L), message)) {
            return;
        }
        if (event instanceof InvitationReceived opened) {
            pending.threads.put(threadId, MeetingThread.opened(opened));
            return;
        }
        MeetingThread thread = known.orElseThrow(() -> new IllegalStateException(event.getClass().getSimpleName()
                + " for thread " + threadId + " before the thread was opened")).after(event);
        Optional<Meeting> changed = event instanceof MeetingAccepted accepted
                ? Optional.of(Meeting.scheduled(thread, accepted))
                : Optional.ofNullable(change(event, thread)).flatMap(change -> pending.meeting(threadId).map(change));
        // Buffered only once everything is known: an event that fails leaves the batch's state as it was.
        pending.threads.put(threadId, thread);
        changed.map(meeting -> meeting.at(EventInfos.of(message)))
                .ifPresent(meeting -> pending.meetings.put(threadId, meeting));
    }

    private void write(Pending pending) {
        repository.saveThreads(pending.threads.values());
        repository.saveAll(pending.meetings.values());
        changes.announce(pending.meetings.values().stream().map(meeting -> new ReadModelChange(GROUP,
                meeting.threadId(), meeting.version())).toList());
    }

    /** The batch's threads and meetings so far, by thread id, and what was stored before it, read together. */
    private final class Pending {

        private final Map<String, MeetingThread> threads = new LinkedHashMap<>();
        private final Map<String, Meeting> meetings = new LinkedHashMap<>();
        private final BatchReads<MeetingThread> storedThreads = BatchReads.byThread(savepoints,
                repository::findThreads, repository::findThread);
        private final BatchReads<Meeting> storedMeetings = BatchReads.byThread(savepoints, repository::findAll,
                repository::find);

        Optional<Meeting> meeting(String threadId) {
            Meeting buffered = meetings.get(threadId);
            return buffered != null ? Optional.of(buffered) : storedMeetings.get(threadId);
        }
    }

    /**
     * What the event does to the thread's meeting, if it has one; {@code null} when nothing. Closing a thread
     * leaves its meeting alone: closure says no more needs doing, not that the meeting is off.
     */
    private static UnaryOperator<Meeting> change(ThreadEvent event, MeetingThread thread) {
        if (event instanceof MeetingRescheduled e) {
            return meeting -> meeting.rescheduled(e.newSlot(), e.location());
        }
        if (event instanceof MeetingHeld e) {
            return meeting -> meeting.held(e.businessDate(), e.location());
        }
        // A scheduled invitation that is declined will not take place: it can then be neither held nor cancelled.
        if (event instanceof MeetingCancelled || event instanceof InvitationDeclined) {
            return Meeting::cancelled;
        }
        if (event instanceof RecordCorrected e && e.letterId().value().equals(thread.openingLetterId())) {
            return meeting -> meeting.titled(thread.subject());
        }
        return null;
    }
}
