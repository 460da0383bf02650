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
        return new ThreadSummary(view.threadId(), view.kind(), view.status(), view.subject(), view.firstLetterDate(),
                view.lastLetterDate(), view.participants().stream().map(Party::name).toList(),
                view.deadline(), view.overdueOn(today), view.meeting() == null ? null : view.meeting().slot(),
                view.letterCount(), view.version(), view.lastRecordedAt());
    }
}
