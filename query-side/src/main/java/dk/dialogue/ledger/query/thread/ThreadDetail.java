package dk.dialogue.ledger.query.thread;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;
import java.util.List;

/**
 * A thread with its letters and what the clock and its state imply: whether it is overdue, whose answer it waits
 * for, and the registration counts of a registration call.
 */
public record ThreadDetail(@JsonUnwrapped ThreadView thread, List<LetterView> letters, boolean overdue,
                           List<Party> awaitingAnswerFrom, ThreadView.RegistrationSummary registrationSummary) {

    public static ThreadDetail of(FoldedThread thread, LocalDate today) {
        ThreadView view = thread.view();
        return new ThreadDetail(view, thread.letters(), view.overdueOn(today), view.awaitingAnswerFrom(),
                view.registrationSummary());
    }
}
