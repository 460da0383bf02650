package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ThreadKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where one thread stands: the thread-status read model, built by {@link ThreadFold} from the thread's
 * events. Values that depend on the clock (overdue) are computed when asked, never stored. The letters are
 * not part of it (see {@link FoldedThread}): each event rewrites the view, and a view carrying every letter grew
 * with the thread, so that a thread of many letters cost more to change with each one.
 *
 * @param letterCount    how many letters the thread holds
 * @param version        the number of events folded in
 * @param lastRecordedAt when the latest of them was recorded
 */
public record ThreadView(String threadId,
                         ThreadKind kind,
                         ThreadStatus status,
                         String subject,
                         LocalDate firstLetterDate,
                         LocalDate lastLetterDate,
                         List<Party> inviting,
                         List<Party> invited,
                         List<Person> people,
                         List<ProposalView> openProposals,
                         MeetingView meeting,
                         Location location,
                         Deadline deadline,
                         List<RegistrationView> registrations,
                         List<LinkView> links,
                         int letterCount,
                         long version,
                         Instant lastRecordedAt,
                         String lastRecordedBy) {

    private static final Set<ThreadStatus> SETTLED = EnumSet.of(ThreadStatus.SCHEDULED, ThreadStatus.HELD,
            ThreadStatus.DECLINED, ThreadStatus.CANCELLED, ThreadStatus.CLOSED);

    /** Every party taking part, inviting first. */
    public List<Party> participants() {
        return Stream.concat(inviting.stream(), invited.stream()).toList();
    }

    /**
     * Whose answer the thread waits for: the invited parties of a new invitation, the other side of open
     * proposals, and the invited parties of a registration call that have not answered.
     */
    public List<Party> awaitingAnswerFrom() {
        if (status == ThreadStatus.CLOSED || status == ThreadStatus.CANCELLED) {
            return List.of();
        }
        if (kind == ThreadKind.REGISTRATION_CALL) {
            Set<String> answered = registrations.stream().map(r -> r.party().key()).collect(Collectors.toSet());
            return invited.stream().filter(party -> !answered.contains(party.key())).toList();
        }
        if (SETTLED.contains(status)) {
            return List.of();
        }
        if (status == ThreadStatus.RECEIVED) {
            return invited;
        }
        // Each open proposal waits for the participants that did not make it; proposals from both sides
        // mean both sides owe an answer.
        return participants().stream()
                .filter(party -> openProposals.stream().anyMatch(proposal -> proposal.proposedBy().stream()
                        .noneMatch(proposer -> proposer.sameBodyAs(party))))
                .toList();
    }

    /** Whether the same parties take part, in the same roles, with the same answers awaited: the party rows. */
    public boolean sameParticipation(ThreadView other) {
        return inviting.equals(other.inviting) && invited.equals(other.invited)
                && awaitingAnswerFrom().equals(other.awaitingAnswerFrom());
    }

    /** A deadline passed (at the end of its day) while an answer is still awaited. */
    public boolean overdueOn(LocalDate today) {
        return deadline != null && deadline.due().isBefore(today) && !awaitingAnswerFrom().isEmpty();
    }

    /** Counts of a registration call's answers; all zero for other threads. */
    public RegistrationSummary registrationSummary() {
        if (kind != ThreadKind.REGISTRATION_CALL) {
            return new RegistrationSummary(0, 0, 0, 0);
        }
        int registered = count(ParticipationAnswer.REGISTERED);
        int declined = count(ParticipationAnswer.DECLINED);
        int late = (int) registrations.stream().filter(RegistrationView::late).count();
        return new RegistrationSummary(registered, declined, late, invited.size() - registrations.size());
    }

    private int count(ParticipationAnswer answer) {
        return (int) registrations.stream().filter(r -> r.answer() == answer).count();
    }

    /**
     * @param late        answers dated after the deadline, of either kind
     * @param notAnswered invited parties with no answer yet
     */
    public record RegistrationSummary(int registered, int declined, int late, int notAnswered) {
    }
}
