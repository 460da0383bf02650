package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.ThreadKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A thread as a line of a dashboard's list. */
public record ThreadSummary(String threadId, ThreadKind kind, ThreadStatus status, String subject,
                            LocalDate firstLetterDate, LocalDate lastLetterDate, List<String> parties,
                            Deadline deadline, boolean overdue, ProposedSlot meeting, int letters, long version,
                            Instant lastRecordedAt) {

    public static ThreadSummary of(ThreadView view, LocalDate today) {
        return Stored.of(view).overdue(view.overdueOn(today));
    }

    /**
     * The line without what depends on the day (whether the thread is overdue), as the projection stores it
     * beside the view: a page of the list reads and parses these instead of whole views (every party with its
     * ids, the people, proposals, registrations and links), which were a fifth of the query side's CPU under
     * 250 pages a second (BENCHMARKS.md).
     */
    public record Stored(String threadId, ThreadKind kind, ThreadStatus status, String subject,
                         LocalDate firstLetterDate, LocalDate lastLetterDate, List<String> parties, Deadline deadline,
                         ProposedSlot meeting, int letters, long version, Instant lastRecordedAt) {

        public static Stored of(ThreadView view) {
            return new Stored(view.threadId(), view.kind(), view.status(), view.subject(), view.firstLetterDate(),
                    view.lastLetterDate(), view.participants().stream().map(Party::name).toList(), view.deadline(),
                    view.meeting() == null ? null : view.meeting().slot(), view.letterCount(), view.version(),
                    view.lastRecordedAt());
        }

        public ThreadSummary overdue(boolean overdue) {
            return new ThreadSummary(threadId, kind, status, subject, firstLetterDate, lastLetterDate, parties,
                    deadline, overdue, meeting, letters, version, lastRecordedAt);
        }
    }
}
