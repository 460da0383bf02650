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
import java.util.function.Supplier;

/**
 * Folds a thread's events into its {@link ThreadView}: the one implementation of "where does this thread
 * stand", used by the live projection, by rebuilds and by point-in-time views alike. Pure: no clock, no I/O.
 * A step needs the thread's earlier letters only to correct one (then dates and people are derived again from
 * the letters as corrected); otherwise it works from the view alone, so the projection reads no letters.
 */
public final class ThreadFold {

    private ThreadFold() {
    }

    /** Folds a whole history, in sequence order; {@code null} for no events. */
    public static FoldedThread replay(List<? extends ThreadEvent> events, List<EventInfo> infos) {
        FoldedThread thread = null;
        for (int i = 0; i < events.size(); i++) {
            thread = apply(thread, events.get(i), infos.get(i));
        }
        return thread;
    }

    /**
     * The thread after one more event, letters included.
     *
     * @param thread the thread so far, {@code null} before its first event
     * @throws IllegalStateException when the event cannot follow the thread (its opening event is missing)
     */
    public static FoldedThread apply(FoldedThread thread, ThreadEvent event, EventInfo info) {
        List<LetterView> letters = thread == null ? List.of() : thread.letters();
        Step step = step(thread == null ? null : thread.view(), () -> letters, event, info);
        return new FoldedThread(step.view(), step.letters(letters));
    }

    /**
     * The view after one more event, and the letter it adds or corrects.
     *
     * @param view    the view so far, {@code null} before the thread's first event
     * @param letters the thread's letters so far, in order; asked for only when a letter is corrected
     * @throws IllegalStateException when the event cannot follow the view (it belongs to a thread whose
     *                               opening event is missing)
     */
    public static Step step(ThreadView view, Supplier<List<LetterView>> letters, ThreadEvent event, EventInfo info) {
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
        Draft draft = new Draft(view, letters);
        draft.apply(event);
        return draft.toStep(info);
    }

    /**
     * One event's effect.
     *
     * @param position the letter's place among the thread's letters, from 0; {@code -1} when no letter changed
     * @param letter   the letter added or corrected; {@code null} when none
     */
    public record Step(ThreadView view, int position, LetterView letter) {

        /** The thread's letters after this step, given those before it. */
        public List<LetterView> letters(List<LetterView> before) {
            return letter == null ? before : FoldedThread.placed(before, position, letter);
        }
    }

    private static Step opened(InvitationReceived event, EventInfo info) {
        List<ProposalView> proposals = event.proposalId() == null ? List.of()
                : List.of(new ProposalView(event.proposalId().value(), event.inviting(), event.slots(),
                event.location(), null, event.businessDate()));
        ThreadView empty = new ThreadView(event.threadId().value(), event.kind(),
                proposals.isEmpty() ? ThreadStatus.RECEIVED : ThreadStatus.DATE_PROPOSED, event.letter().subject(),
                event.letter().letterDate(), event.letter().letterDate(), event.inviting(), event.invited(),
                List.of(), proposals, null, event.location(), event.deadline(), List.of(), List.of(), 0,
                0, null, null);
        Draft draft = new Draft(empty, List::of);
        draft.addLetter(event.letterId().value(), null, event.letter());
        return draft.toStep(info);
    }

    /** A mutable copy of a view, for applying one event. */
    private static final class Draft {

        private final ThreadView from;
        private final Supplier<List<LetterView>> earlierLetters;
        private ThreadStatus status;
        private String subject;
        private LocalDate firstLetterDate;
        private LocalDate lastLetterDate;
        private final List<Person> people;
        private final List<ProposalView> openProposals;
        private MeetingView meeting;
        private Location location;
        private Deadline deadline;
        private final List<RegistrationView> registrations;
        private final List<LinkView> links;
        private int letterCount;
        private int letterPosition = -1;
        private LetterView letter;

        Draft(ThreadView view, Supplier<List<LetterView>> letters) {
            from = view;
            earlierLetters = letters;
            status = view.status();
            subject = view.subject();
            firstLetterDate = view.firstLetterDate();
            lastLetterDate = view.lastLetterDate();
            people = new ArrayList<>(view.people());
            openProposals = new ArrayList<>(view.openProposals());
            meeting = view.meeting();
            location = view.location();
            deadline = view.deadline();
            registrations = new ArrayList<>(view.registrations());
            links = new ArrayList<>(view.links());
            letterCount = view.letterCount();
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

        void addLetter(String letterId, LetterRole role, Letter added) {
            letterPosition = letterCount++;
            letter = letterView(letterId, role, added, false);
            if (letterCount == 1 || added.letterDate().isBefore(firstLetterDate)) {
                firstLetterDate = added.letterDate();
            }
            if (letterCount == 1 || added.letterDate().isAfter(lastLetterDate)) {
                lastLetterDate = added.letterDate();
            }
            addPeople(letter);
        }

        /**
         * Dates and people are derived again from the letters as corrected, so that a corrected signatory replaces
         * the misspelt one. Letter ids are unique within a thread (the aggregate refuses a second).
         */
        private void correctLetter(String letterId, Letter corrected) {
            List<LetterView> letters = new ArrayList<>(earlierLetters.get());
            for (int i = 0; i < letters.size() && letter == null; i++) {
                LetterView earlier = letters.get(i);
                if (earlier.letterId().equals(letterId)) {
                    letterPosition = i;
                    letter = letterView(letterId, earlier.role(), corrected, true);
                    letters.set(i, letter);
                    if (i == 0) {
                        subject = corrected.subject();
                    }
                }
            }
            firstLetterDate = letters.stream().map(LetterView::letterDate).min(Comparator.naturalOrder())
                    .orElse(firstLetterDate);
            lastLetterDate = letters.stream().map(LetterView::letterDate).max(Comparator.naturalOrder())
                    .orElse(lastLetterDate);
            people.clear();
            letters.forEach(this::addPeople);
        }

        private void addPeople(LetterView source) {
            source.signatories().stream()
                    .filter(person -> people.stream().noneMatch(known -> known.name().equals(person.name())))
                    .forEach(people::add);
        }

        private static LetterView letterView(String letterId, LetterRole role, Letter letter, boolean corrected) {
            return new LetterView(letterId, role, letter.letterDate(), letter.subject(), letter.references(),
                    letter.senders(), letter.signatories(), letter.recipients(), letter.attachments(),
                    letter.textSha256(), corrected);
        }

        Step toStep(EventInfo info) {
            return new Step(new ThreadView(from.threadId(), from.kind(), status, subject, firstLetterDate,
                    lastLetterDate, from.inviting(), from.invited(), List.copyOf(people), List.copyOf(openProposals),
                    meeting, location, deadline, List.copyOf(registrations), List.copyOf(links), letterCount,
                    info.sequence() + 1, info.recordedAt(), info.recordedBy()), letterPosition, letter);
        }
    }
}
