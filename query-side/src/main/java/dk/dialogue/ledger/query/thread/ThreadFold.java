package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.ThreadLinked;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds a thread's events into its {@link ThreadView}: the one implementation of "where does this thread
 * stand", used by the live projection, by rebuilds and by point-in-time views alike. Pure: no clock, no I/O.
 */
public final class ThreadFold {

    private ThreadFold() {
    }

    /** Folds a whole history, in sequence order; {@code null} for no events. */
    public static ThreadView replay(List<? extends ThreadEvent> events, List<EventInfo> infos) {
        ThreadView view = null;
        for (int i = 0; i < events.size(); i++) {
            view = apply(view, events.get(i), infos.get(i));
        }
        return view;
    }

    /**
     * The view after one more event.
     *
     * @param view  the view so far, {@code null} before the thread's first event
     * @throws IllegalStateException when the event cannot follow the view (it belongs to a thread whose
     *                               opening event is missing)
     */
    public static ThreadView apply(ThreadView view, ThreadEvent event, EventInfo info) {
        if (event instanceof InvitationReceived opened) {
            if (view != null) {
                throw new IllegalStateException("thread " + opened.threadId() + " was already opened");
            }
            return opened(opened, info);
        }
        if (view == null) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " for thread " + event.threadId()
                    + " before the thread was opened");
        }
        Draft draft = new Draft(view);
        draft.apply(event);
        return draft.toView(info);
    }

    private static ThreadView opened(InvitationReceived event, EventInfo info) {
        List<ProposalView> proposals = event.proposalId() == null ? List.of()
                : List.of(new ProposalView(event.proposalId().value(), event.inviting(), event.slots(),
                event.location(), null, event.businessDate()));
        ThreadView empty = new ThreadView(event.threadId().value(), event.kind(),
                proposals.isEmpty() ? ThreadStatus.RECEIVED : ThreadStatus.DATE_PROPOSED, event.letter().subject(),
                event.letter().letterDate(), event.letter().letterDate(), event.inviting(), event.invited(),
                List.of(), proposals, null, event.location(), event.deadline(), List.of(), List.of(), List.of(),
                0, null, null);
        Draft draft = new Draft(empty);
        draft.addLetter(event.letterId().value(), null, event.letter());
        return draft.toView(info);
    }

    /** A mutable copy of a view, for applying one event. */
    private static final class Draft {

        private final ThreadView from;
        private ThreadStatus status;
        private String subject;
        private final List<ProposalView> openProposals;
        private MeetingView meeting;
        private Location location;
        private Deadline deadline;
        private final List<RegistrationView> registrations;
        private final List<LinkView> links;
        private final List<LetterView> letters;

        Draft(ThreadView view) {
            from = view;
            status = view.status();
            subject = view.subject();
            openProposals = new ArrayList<>(view.openProposals());
            meeting = view.meeting();
            location = view.location();
            deadline = view.deadline();
            registrations = new ArrayList<>(view.registrations());
            links = new ArrayList<>(view.links());
            letters = new ArrayList<>(view.letters());
        }

        void apply(ThreadEvent event) {
            if (event instanceof DateProposed e) {
                if (e.counters() != null) {
                    openProposals.removeIf(p -> p.proposalId().equals(e.counters().value()));
                }
                openProposals.add(new ProposalView(e.proposalId().value(), List.of(e.proposedBy()), e.slots(),
                        e.location(), e.counters() == null ? null : e.counters().value(), e.businessDate()));
                status = ThreadStatus.DATE_PROPOSED;
            } else if (event instanceof ProposalWithdrawn e) {
                openProposals.removeIf(p -> p.proposalId().equals(e.proposalId().value()));
                status = openProposals.isEmpty() ? ThreadStatus.RECEIVED : ThreadStatus.DATE_PROPOSED;
            } else if (event instanceof MeetingAccepted e) {
                openProposals.clear();
                meeting = new MeetingView(e.slot(), e.proposalId().value(), e.businessDate(), List.of(), null);
                location = e.location() != null ? e.location() : location;
                status = ThreadStatus.SCHEDULED;
            } else if (event instanceof InvitationDeclined) {
                openProposals.clear();
                status = ThreadStatus.DECLINED;
            } else if (event instanceof MeetingRescheduled e) {
                List<ProposedSlot> previous = new ArrayList<>(meeting.previousSlots());
                previous.add(e.previousSlot());
                meeting = new MeetingView(e.newSlot(), meeting.proposalId(), meeting.scheduledOn(), previous, null);
                location = e.location() != null ? e.location() : location;
            } else if (event instanceof MeetingCancelled) {
                openProposals.clear();
                status = ThreadStatus.CANCELLED;
            } else if (event instanceof MeetingHeld e) {
                meeting = new MeetingView(meeting.slot(), meeting.proposalId(), meeting.scheduledOn(),
                        meeting.previousSlots(), e.businessDate());
                location = e.location() != null ? e.location() : location;
                status = ThreadStatus.HELD;
            } else if (event instanceof LetterRecorded e) {
                addLetter(e.letterId().value(), e.role(), e.letter());
            } else if (event instanceof ParticipationRegistered e) {
                registrations.removeIf(r -> r.party().sameBodyAs(e.party()));
                registrations.add(new RegistrationView(e.party(), e.answer(),
                        e.late(), e.businessDate()));
            } else if (event instanceof DeadlineSet e) {
                deadline = e.deadline();
            } else if (event instanceof ThreadLinked e) {
                links.add(new LinkView(e.linkedThreadId().value(), e.linkType(), e.note()));
            } else if (event instanceof ThreadClosed) {
                status = ThreadStatus.CLOSED;
            } else if (event instanceof RecordCorrected e) {
                correctLetter(e.letterId().value(), e.correctedLetter());
            } else {
                throw new IllegalStateException("no rule for " + event.getClass().getName());
            }
        }

        void addLetter(String letterId, LetterRole role, Letter letter) {
            letters.add(letterView(letterId, role, letter, false));
        }

        private void correctLetter(String letterId, Letter corrected) {
            for (int i = 0; i < letters.size(); i++) {
                LetterView letter = letters.get(i);
                if (letter.letterId().equals(letterId)) {
                    letters.set(i, letterView(letterId, letter.role(), corrected, true));
                    if (i == 0) {
                        subject = corrected.subject();
                    }
                }
            }
        }

        private static LetterView letterView(String letterId, LetterRole role, Letter letter, boolean corrected) {
            return new LetterView(letterId, role, letter.letterDate(), letter.subject(), letter.references(),
                    letter.senders(), letter.signatories(), letter.recipients(), letter.attachments(),
                    letter.textSha256(), corrected);
        }

        ThreadView toView(EventInfo info) {
            LocalDate first = letters.stream().map(LetterView::letterDate).min(Comparator.naturalOrder())
                    .orElse(from.firstLetterDate());
            LocalDate last = letters.stream().map(LetterView::letterDate).max(Comparator.naturalOrder())
                    .orElse(from.lastLetterDate());
            // Derived from the letters as corrected, so a corrected signatory replaces the misspelt one.
            List<Person> people = new ArrayList<>();
            letters.stream().flatMap(letter -> letter.signatories().stream())
                    .filter(person -> people.stream().noneMatch(known -> known.name().equals(person.name())))
                    .forEach(people::add);
            return new ThreadView(from.threadId(), from.kind(), status, subject, first, last, from.inviting(),
                    from.invited(), List.copyOf(people), List.copyOf(openProposals), meeting, location, deadline,
                    List.copyOf(registrations), List.copyOf(links), List.copyOf(letters), info.sequence() + 1,
                    info.recordedAt(), info.recordedBy());
        }
    }
}
