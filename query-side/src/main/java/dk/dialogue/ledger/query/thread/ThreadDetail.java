package dk.dialogue.ledger.query.thread;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;
import java.util.List;

/**
 * A thread with what the clock and its state imply: whether it is overdue, whose answer it waits for, and
 * the registration counts of a registration call.
 */
public record ThreadDetail(@JsonUnwrapped ThreadView thread, boolean overdue, List<Party> awaitingAnswerFrom,
                           ThreadView.RegistrationSummary registrationSummary) {

    public static ThreadDetail of(ThreadView view, LocalDate today) {
        return new ThreadDetail(view, view.overdueOn(today), view.awaitingAnswerFrom(), view.registrationSummary());
    }
}
