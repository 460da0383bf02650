package dk.dialogue.ledger.query.thread;

import static dk.dialogue.ledger.query.thread.FoldFixtures.AALBORG;
import static dk.dialogue.ledger.query.thread.FoldFixtures.BEU;
import static dk.dialogue.ledger.query.thread.FoldFixtures.BUNDSGAARD;
import static dk.dialogue.ledger.query.thread.FoldFixtures.HUMMELGAARD;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_DEADLINE;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_LETTER;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_LETTER_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL_BOARD;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL_PROPOSAL;
import static dk.dialogue.ledger.query.thread.FoldFixtures.LATE_IN_THE_DAY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.LAUSTSEN;
import static dk.dialogue.ledger.query.thread.FoldFixtures.MINISTRY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.RECORDED;
import static dk.dialogue.ledger.query.thread.FoldFixtures.RECORDER;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_DEADLINE;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_LETTER;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_LETTER_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.WHOLE_DAY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.ZIEGLER;
import static dk.dialogue.ledger.query.thread.FoldFixtures.fold;
import static dk.dialogue.ledger.query.thread.FoldFixtures.folded;
import static dk.dialogue.ledger.query.thread.FoldFixtures.info;
import static dk.dialogue.ledger.query.thread.FoldFixtures.jobcampInvitation;
import static dk.dialogue.ledger.query.thread.FoldFixtures.letter;
import static dk.dialogue.ledger.query.thread.FoldFixtures.recordedAt;
import static dk.dialogue.ledger.query.thread.FoldFixtures.summons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.LinkType;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import dk.dialogue.ledger.events.ThreadLinked;
import dk.dialogue.ledger.query.support.Courses;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThreadFoldTest {

    private static final ProposalId MINISTRY_PROPOSAL = new ProposalId("p-bm-1");
    private static final ProposalId KL_COUNTER = new ProposalId("p-kl-1");
    private static final ProposalId BEU_COUNTER = new ProposalId("p-beu-1");
    private static final ProposedSlot JUNE_8 = Courses.slot(2021, 6, 8, 10, 12, SlotPrecision.EXACT,
            "tirsdag den 8. juni kl. 10.00-12.00");
    private static final ProposedSlot JUNE_14 = Courses.slot(2021, 6, 14, 9, 10, SlotPrecision.EXACT,
            "mandag den 14. juni kl. 9-10");
    private static final ProposedSlot JUNE_MORNING = Courses.slot(2021, 6, 22, 8, 12, SlotPrecision.PART_OF_DAY,
            "tirsdag den 22. juni om formiddagen");
    private static final Location HOLMENS_KANAL = new Location("Beskæftigelsesministeriet",
            "Holmens Kanal 20, 1060 København K");
    private static final Location WEIDEKAMPSGADE = new Location("KL-Huset", "Weidekampsgade 10, 2300 København S");

    private static DateProposed ministryProposes() {
        return new DateProposed(SUMMONS_ID, MINISTRY_PROPOSAL, MINISTRY, List.of(JUNE_8), HOLMENS_KANAL, null,
                LocalDate.of(2021, 5, 20));
    }

    private static MeetingAccepted klAccepts() {
        return new MeetingAccepted(SUMMONS_ID, MINISTRY_PROPOSAL, JUNE_8, KL_BOARD, HOLMENS_KANAL,
                LocalDate.of(2021, 5, 25));
    }

    @Nested
    class Opening {

        @Test
        void a_summons_without_slots_opens_the_thread_as_received_with_everything_the_letter_says() {
            FoldedThread thread = ThreadFold.apply(null, summons(), info(0));

            assertThat(thread.view()).isEqualTo(new ThreadView(SUMMONS_ID.value(), ThreadKind.SUMMONS,
                    ThreadStatus.RECEIVED, "Indkaldelse til møde om beskæftigelsesreformen", LocalDate.of(2021, 5, 3),
                    LocalDate.of(2021, 5, 3), List.of(MINISTRY), List.of(KL_BOARD), List.of(HUMMELGAARD), List.of(),
                    null, null, SUMMONS_DEADLINE, List.of(), List.of(), 1, 1, RECORDED, RECORDER));
            assertThat(thread.letters()).containsExactly(new LetterView(SUMMONS_LETTER_ID.value(), null,
                    LocalDate.of(2021, 5, 3), "Indkaldelse til møde om beskæftigelsesreformen",
                    SUMMONS_LETTER.references(), List.of(MINISTRY), List.of(HUMMELGAARD), SUMMONS_LETTER.recipients(),
                    SUMMONS_LETTER.attachments(), "a".repeat(64), false));
        }

        @Test
        void an_invitation_offering_slots_opens_with_one_proposal_from_the_inviting_parties() {
            FoldedThread thread = ThreadFold.apply(null, jobcampInvitation(), info(0));
            ThreadView view = thread.view();

            assertThat(view.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
            assertThat(view.kind()).isEqualTo(ThreadKind.INVITATION);
            assertThat(view.openProposals()).containsExactly(new ProposalView("p-kl-jobcamp", List.of(KL),
                    List.of(LATE_IN_THE_DAY, WHOLE_DAY), AALBORG, null, LocalDate.of(2019, 9, 6)));
            assertThat(view.location()).isEqualTo(AALBORG);
            assertThat(view.deadline()).isEqualTo(JOBCAMP_DEADLINE);
            assertThat(view.meeting()).isNull();
            assertThat(view.people()).containsExactly(ZIEGLER);
            assertThat(thread.letters()).extracting(LetterView::letterId, LetterView::role, LetterView::corrected)
                    .containsExactly(tuple("l-2019-09-06-kl", null, false));
        }

        @Test
        void a_joint_invitation_proposes_on_behalf_of_every_city_that_signs_it() {
            ThreadView view = fold(Courses.visit("t-2020-besoeg", "c".repeat(64)).subList(0, 1));

            assertThat(view.openProposals()).singleElement()
                    .extracting(ProposalView::proposedBy)
                    .isEqualTo(List.of(Courses.KOBENHAVN, Courses.AARHUS, Courses.ODENSE, Courses.AALBORG));
            assertThat(view.inviting()).containsExactly(Courses.KOBENHAVN, Courses.AARHUS, Courses.ODENSE,
                    Courses.AALBORG);
            assertThat(view.invited()).containsExactly(BEU);
        }

        @Test
        void an_event_before_the_opening_event_is_refused() {
            assertThatThrownBy(() -> ThreadFold.apply(null, ministryProposes(), info(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("DateProposed for thread t-2021-indkaldelse-formandskabet before the thread was opened");
        }

        @Test
        void a_second_opening_event_is_refused() {
            FoldedThread opened = folded(summons());

            assertThatThrownBy(() -> ThreadFold.apply(opened, summons(), info(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("thread t-2021-indkaldelse-formandskabet was already opened");
        }
    }

    @Nested
    class Proposals {

        @Test
        void a_proposal_on_a_received_thread_makes_it_date_proposed() {
            ThreadView view = fold(summons(), ministryProposes());

            assertThat(view.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
            assertThat(view.openProposals()).containsExactly(new ProposalView("p-bm-1", List.of(MINISTRY),
                    List.of(JUNE_8), HOLMENS_KANAL, null, LocalDate.of(2021, 5, 20)));
        }

        @Test
        void a_counter_proposal_replaces_the_proposal_it_counters() {
            DateProposed counter = new DateProposed(SUMMONS_ID, KL_COUNTER, KL_BOARD, List.of(JUNE_14, JUNE_MORNING),
                    WEIDEKAMPSGADE, MINISTRY_PROPOSAL, LocalDate.of(2021, 5, 24));

            ThreadView view = fold(summons(), ministryProposes(), counter);

            assertThat(view.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
            assertThat(view.openProposals()).containsExactly(new ProposalView("p-kl-1", List.of(KL_BOARD),
                    List.of(JUNE_14, JUNE_MORNING), WEIDEKAMPSGADE, "p-bm-1", LocalDate.of(2021, 5, 24)));
        }

        @Test
        void a_counter_to_the_invitation_own_slots_replaces_them() {
            DateProposed counter = new DateProposed(JOBCAMP_ID, BEU_COUNTER, BEU, List.of(WHOLE_DAY), null,
                    KL_PROPOSAL, LocalDate.of(2019, 9, 20));

            ThreadView view = fold(jobcampInvitation(), counter);

            assertThat(view.openProposals()).extracting(ProposalView::proposalId).containsExactly("p-beu-1");
            assertThat(view.openProposals().get(0).proposedBy()).containsExactly(BEU);
            assertThat(view.openProposals().get(0).counters()).isEqualTo("p-kl-jobcamp");
        }

        @Test
        void a_proposal_that_counters_nothing_stays_open_beside_the_earlier_one() {
            DateProposed another = new DateProposed(SUMMONS_ID, new ProposalId("p-bm-2"), MINISTRY,
                    List.of(JUNE_MORNING), null, null, LocalDate.of(2021, 5, 21));

            ThreadView view = fold(summons(), ministryProposes(), another);

            assertThat(view.openProposals()).extracting(ProposalView::proposalId).containsExactly("p-bm-1", "p-bm-2");
        }

        @Test
        void withdrawing_the_last_open_proposal_takes_the_thread_back_to_received() {
            ProposalWithdrawn withdrawn = new ProposalWithdrawn(SUMMONS_ID, MINISTRY_PROPOSAL, MINISTRY,
                    "ministeren er forhindret", LocalDate.of(2021, 5, 22));

            ThreadView view = fold(summons(), ministryProposes(), withdrawn);

            assertThat(view.status()).isEqualTo(ThreadStatus.RECEIVED);
            assertThat(view.openProposals()).isEmpty();
        }

        @Test
        void withdrawing_one_of_two_open_proposals_keeps_the_thread_date_proposed() {
            DateProposed another = new DateProposed(SUMMONS_ID, new ProposalId("p-bm-2"), MINISTRY,
                    List.of(JUNE_MORNING), null, null, LocalDate.of(2021, 5, 21));
            ProposalWithdrawn withdrawn = new ProposalWithdrawn(SUMMONS_ID, MINISTRY_PROPOSAL, MINISTRY, null,
                    LocalDate.of(2021, 5, 22));

            ThreadView view = fold(summons(), ministryProposes(), another, withdrawn);

            assertThat(view.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
            assertThat(view.openProposals()).extracting(ProposalView::proposalId).containsExactly("p-bm-2");
        }
    }

    @Nested
    class Meeting {

        @Test
        void accepting_a_slot_schedules_the_meeting_and_closes_every_open_proposal() {
            DateProposed another = new DateProposed(SUMMONS_ID, new ProposalId("p-bm-2"), MINISTRY,
                    List.of(JUNE_MORNING), null, null, LocalDate.of(2021, 5, 21));
            MeetingAccepted accepted = new MeetingAccepted(SUMMONS_ID, MINISTRY_PROPOSAL, JUNE_8, KL_BOARD,
                    HOLMENS_KANAL, LocalDate.of(2021, 5, 25));

            ThreadView view = fold(summons(), ministryProposes(), another, accepted);

            assertThat(view.status()).isEqualTo(ThreadStatus.SCHEDULED);
            assertThat(view.openProposals()).isEmpty();
            assertThat(view.meeting()).isEqualTo(new MeetingView(JUNE_8, "p-bm-1", LocalDate.of(2021, 5, 25),
                    List.of(), null));
            assertThat(view.location()).isEqualTo(HOLMENS_KANAL);
        }

        @Test
        void an_acceptance_without_a_place_keeps_the_place_already_known() {
            MeetingAccepted accepted = new MeetingAccepted(JOBCAMP_ID, KL_PROPOSAL, WHOLE_DAY, BEU, null,
                    LocalDate.of(2019, 10, 10));

            ThreadView view = fold(jobcampInvitation(), accepted);

            assertThat(view.location()).isEqualTo(AALBORG);
            assertThat(view.meeting().slot()).isEqualTo(WHOLE_DAY);
        }

        @Test
        void a_declined_invitation_is_declined() {
            InvitationDeclined declined = new InvitationDeclined(JOBCAMP_ID, BEU, "udvalget har ikke mulighed",
                    LocalDate.of(2019, 9, 30));

            ThreadView view = fold(jobcampInvitation(), declined);

            assertThat(view.status()).isEqualTo(ThreadStatus.DECLINED);
            assertThat(view.meeting()).isNull();
        }

        @Test
        void rescheduling_moves_the_meeting_and_keeps_every_previous_slot_oldest_first() {
            MeetingRescheduled toJune14 = new MeetingRescheduled(SUMMONS_ID, JUNE_8, JUNE_14, null, MINISTRY,
                    "ministerens kalender", RescheduleBasis.STATED_IN_LETTER, null, LocalDate.of(2021, 6, 1));
            MeetingRescheduled toJune22 = new MeetingRescheduled(SUMMONS_ID, JUNE_14, JUNE_MORNING, WEIDEKAMPSGADE,
                    KL_BOARD, null, RescheduleBasis.INFERRED_FROM_LATER_LETTER, null, LocalDate.of(2021, 6, 10));

            ThreadView once = fold(summons(), ministryProposes(), klAccepts(), toJune14);
            ThreadView twice = fold(summons(), ministryProposes(), klAccepts(), toJune14, toJune22);

            assertThat(once.status()).isEqualTo(ThreadStatus.SCHEDULED);
            assertThat(once.meeting()).isEqualTo(new MeetingView(JUNE_14, "p-bm-1", LocalDate.of(2021, 5, 25),
                    List.of(JUNE_8), null));
            assertThat(once.location()).isEqualTo(HOLMENS_KANAL);
            assertThat(twice.status()).isEqualTo(ThreadStatus.SCHEDULED);
            assertThat(twice.meeting()).isEqualTo(new MeetingView(JUNE_MORNING, "p-bm-1", LocalDate.of(2021, 5, 25),
                    List.of(JUNE_8, JUNE_14), null));
            assertThat(twice.location()).isEqualTo(WEIDEKAMPSGADE);
        }

        @Test
        void a_cancelled_meeting_is_cancelled_and_its_plan_still_shown() {
            MeetingCancelled cancelled = new MeetingCancelled(SUMMONS_ID, MINISTRY, "folketingsvalg udskrevet",
                    LocalDate.of(2021, 6, 2));

            ThreadView view = fold(summons(), ministryProposes(), klAccepts(), cancelled);

            assertThat(view.status()).isEqualTo(ThreadStatus.CANCELLED);
            assertThat(view.meeting().slot()).isEqualTo(JUNE_8);
        }

        @Test
        void a_held_meeting_keeps_the_date_it_was_actually_held_and_the_slot_it_was_planned_for() {
            MeetingHeld held = new MeetingHeld(SUMMONS_ID, JUNE_8, null, "Mødet rykket en dag",
                    LocalDate.of(2021, 6, 9));

            ThreadView view = fold(summons(), ministryProposes(), klAccepts(), held);

            assertThat(view.status()).isEqualTo(ThreadStatus.HELD);
            assertThat(view.meeting()).isEqualTo(new MeetingView(JUNE_8, "p-bm-1", LocalDate.of(2021, 5, 25),
                    List.of(), LocalDate.of(2021, 6, 9)));
            assertThat(view.location()).isEqualTo(HOLMENS_KANAL);
        }

        @Test
        void a_meeting_held_elsewhere_shows_the_place_it_was_held() {
            MeetingHeld held = new MeetingHeld(SUMMONS_ID, JUNE_8, WEIDEKAMPSGADE, null, LocalDate.of(2021, 6, 8));

            ThreadView view = fold(summons(), ministryProposes(), klAccepts(), held);

            assertThat(view.location()).isEqualTo(WEIDEKAMPSGADE);
            assertThat(view.meeting().heldOn()).isEqualTo(LocalDate.of(2021, 6, 8));
        }

        @Test
        void a_closed_thread_is_closed() {
            ThreadView view = fold(summons(), ministryProposes(), klAccepts(),
                    new MeetingHeld(SUMMONS_ID, JUNE_8, null, null, LocalDate.of(2021, 6, 8)),
                    new ThreadClosed(SUMMONS_ID, "referat modtaget", LocalDate.of(2021, 6, 30)));

            assertThat(view.status()).isEqualTo(ThreadStatus.CLOSED);
            assertThat(view.meeting().heldOn()).isEqualTo(LocalDate.of(2021, 6, 8));
        }
    }

    @Nested
    class Letters {

        private final LetterRecorded reply = new LetterRecorded(SUMMONS_ID, new LetterId("l-2021-05-12-kl"),
                LetterRole.REPLY, letter(LocalDate.of(2021, 5, 12), "Svar på indkaldelse", KL_BOARD, "e".repeat(64),
                BUNDSGAARD, HUMMELGAARD), LocalDate.of(2021, 5, 12));

        @Test
        void later_letters_accumulate_with_their_role_after_the_opening_letter() {
            FoldedThread thread = folded(summons(), reply);
            ThreadView view = thread.view();

            assertThat(thread.letters()).extracting(LetterView::letterId, LetterView::role, LetterView::subject)
                    .containsExactly(
                            tuple("l-2021-05-03-bm", null,
                                    "Indkaldelse til møde om beskæftigelsesreformen"),
                            tuple("l-2021-05-12-kl", LetterRole.REPLY,
                                    "Svar på indkaldelse"));
            assertThat(view.subject()).isEqualTo("Indkaldelse til møde om beskæftigelsesreformen");
            assertThat(view.status()).isEqualTo(ThreadStatus.RECEIVED);
        }

        @Test
        void signatories_join_the_thread_people_once_each() {
            ThreadView view = fold(summons(), reply);

            assertThat(view.people()).containsExactly(HUMMELGAARD, BUNDSGAARD);
        }

        @Test
        void letter_dates_span_the_earliest_and_latest_letter_even_when_registered_out_of_order() {
            LetterRecorded earlierNote = new LetterRecorded(SUMMONS_ID, new LetterId("l-2021-04-28-bm"),
                    LetterRole.OTHER, letter(LocalDate.of(2021, 4, 28), "Varsel om kommende indkaldelse", MINISTRY,
                    "f".repeat(64), HUMMELGAARD), LocalDate.of(2021, 4, 28));

            ThreadView view = fold(summons(), reply, earlierNote);

            assertThat(view.firstLetterDate()).isEqualTo(LocalDate.of(2021, 4, 28));
            assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2021, 5, 12));
        }

        @Test
        void correcting_the_opening_letter_changes_the_thread_subject_and_marks_the_letter_corrected() {
            Letter corrected = new Letter(LocalDate.of(2021, 5, 3), SUMMONS_LETTER.references(),
                    "Indkaldelse til møde om reform af beskæftigelsesindsatsen", List.of(MINISTRY),
                    List.of(HUMMELGAARD), SUMMONS_LETTER.recipients(), SUMMONS_LETTER.attachments(), "a".repeat(64));

            FoldedThread thread = folded(summons(), reply, new RecordCorrected(SUMMONS_ID, SUMMONS_LETTER_ID, corrected,
                    "emnelinjen var forkert afskrevet", LocalDate.of(2021, 5, 14)));
            ThreadView view = thread.view();

            assertThat(view.subject()).isEqualTo("Indkaldelse til møde om reform af beskæftigelsesindsatsen");
            assertThat(thread.letters().get(0)).isEqualTo(new LetterView("l-2021-05-03-bm", null,
                    LocalDate.of(2021, 5, 3), "Indkaldelse til møde om reform af beskæftigelsesindsatsen",
                    SUMMONS_LETTER.references(), List.of(MINISTRY), List.of(HUMMELGAARD),
                    SUMMONS_LETTER.recipients(), SUMMONS_LETTER.attachments(), "a".repeat(64), true));
            assertThat(thread.letters().get(1).corrected()).isFalse();
        }

        @Test
        void correcting_a_later_letter_keeps_the_thread_subject_and_the_letter_role() {
            Letter corrected = letter(LocalDate.of(2021, 5, 11), "Svar på indkaldelse til møde", KL_BOARD,
                    "e".repeat(64), BUNDSGAARD);

            FoldedThread thread = folded(summons(), reply, new RecordCorrected(SUMMONS_ID,
                    new LetterId("l-2021-05-12-kl"), corrected, "brevdatoen var forkert", LocalDate.of(2021, 5, 14)));
            ThreadView view = thread.view();

            assertThat(view.subject()).isEqualTo("Indkaldelse til møde om beskæftigelsesreformen");
            assertThat(thread.letters().get(0).corrected()).isFalse();
            assertThat(thread.letters().get(1))
                    .extracting(LetterView::role, LetterView::subject, LetterView::letterDate, LetterView::corrected)
                    .containsExactly(LetterRole.REPLY, "Svar på indkaldelse til møde", LocalDate.of(2021, 5, 11), true);
            assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2021, 5, 11));
        }

        @Test
        void correcting_the_opening_letter_date_moves_the_first_letter_date() {
            Letter misdated = new Letter(LocalDate.of(2019, 9, 16), JOBCAMP_LETTER.references(),
                    JOBCAMP_LETTER.subject(), JOBCAMP_LETTER.senders(), JOBCAMP_LETTER.signatories(),
                    JOBCAMP_LETTER.recipients(), JOBCAMP_LETTER.attachments(), JOBCAMP_LETTER.textSha256());
            InvitationReceived opened = new InvitationReceived(JOBCAMP_ID, JOBCAMP_LETTER_ID, ThreadKind.INVITATION,
                    misdated, List.of(KL), List.of(BEU), KL_PROPOSAL, List.of(LATE_IN_THE_DAY), AALBORG, null,
                    LocalDate.of(2019, 9, 16));

            FoldedThread thread = folded(opened, new RecordCorrected(JOBCAMP_ID, JOBCAMP_LETTER_ID, JOBCAMP_LETTER,
                    "datoen er 6. september", LocalDate.of(2019, 9, 18)));
            ThreadView view = thread.view();

            assertThat(view.firstLetterDate()).isEqualTo(LocalDate.of(2019, 9, 6));
            assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2019, 9, 6));
            assertThat(thread.letters()).singleElement().extracting(LetterView::corrected).isEqualTo(true);
        }
    }

    @Nested
    class RegistrationsLinksAndDeadlines {

        private final ThreadId partnership = new ThreadId("t-2013-partnerskab");
        private final Party holbaek = Courses.PARTNERS.get(0);
        private final Party esbjerg = Courses.PARTNERS.get(1);
        private final Party holbaekJobcenter = new Party(holbaek.kind(), "Holbæk Kommune", "Jobcenter Holbæk");

        private List<ThreadEvent> call(ThreadEvent... answers) {
            List<ThreadEvent> events = new ArrayList<>(
                    Courses.partnership(partnership.value(), "9".repeat(64)).subList(0, 1));
            events.addAll(List.of(answers));
            return events;
        }

        @Test
        void each_answer_to_a_registration_call_is_recorded_with_its_date_and_lateness() {
            ThreadView view = fold(call(
                    new ParticipationRegistered(partnership, holbaek, ParticipationAnswer.REGISTERED, false,
                            LocalDate.of(2013, 4, 10)),
                    new ParticipationRegistered(partnership, esbjerg, ParticipationAnswer.DECLINED, true,
                            LocalDate.of(2013, 4, 22))));

            assertThat(view.registrations()).containsExactly(
                    new RegistrationView(holbaek, ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10)),
                    new RegistrationView(esbjerg, ParticipationAnswer.DECLINED, true, LocalDate.of(2013, 4, 22)));
            assertThat(view.status()).isEqualTo(ThreadStatus.RECEIVED);
        }

        @Test
        void a_later_answer_replaces_the_same_body_earlier_one_even_when_a_unit_gives_it() {
            ThreadView view = fold(call(
                    new ParticipationRegistered(partnership, holbaek, ParticipationAnswer.REGISTERED, false,
                            LocalDate.of(2013, 4, 10)),
                    new ParticipationRegistered(partnership, esbjerg, ParticipationAnswer.REGISTERED, false,
                            LocalDate.of(2013, 4, 11)),
                    new ParticipationRegistered(partnership, holbaekJobcenter, ParticipationAnswer.DECLINED, false,
                            LocalDate.of(2013, 4, 16))));

            assertThat(view.registrations()).containsExactly(
                    new RegistrationView(esbjerg, ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 11)),
                    new RegistrationView(holbaekJobcenter, ParticipationAnswer.DECLINED, false,
                            LocalDate.of(2013, 4, 16)));
        }

        @Test
        void links_to_other_threads_accumulate_in_order() {
            ThreadView view = fold(summons(),
                    new ThreadLinked(SUMMONS_ID, new ThreadId("t-2020-besoeg"), LinkType.FOLLOW_UP_OF,
                            "opfølgning på besøget i oktober 2020", LocalDate.of(2021, 5, 3)),
                    new ThreadLinked(SUMMONS_ID, new ThreadId("t-2019-jobcamp"), LinkType.RELATED_TO, null,
                            LocalDate.of(2021, 5, 4)));

            assertThat(view.links()).containsExactly(
                    new LinkView("t-2020-besoeg", LinkType.FOLLOW_UP_OF, "opfølgning på besøget i oktober 2020"),
                    new LinkView("t-2019-jobcamp", LinkType.RELATED_TO, null));
        }

        @Test
        void a_deadline_set_later_replaces_the_letter_deadline() {
            Deadline extended = new Deadline(LocalDate.of(2021, 5, 28), DeadlineKind.RESPONSE,
                    "fristen forlænges til den 28. maj");

            ThreadView view = fold(summons(), new DeadlineSet(SUMMONS_ID, extended, LocalDate.of(2021, 5, 10)));

            assertThat(view.deadline()).isEqualTo(extended);
        }

        @Test
        void a_deadline_can_be_set_on_a_thread_that_had_none() {
            Deadline registration = new Deadline(LocalDate.of(2020, 7, 15), DeadlineKind.RESPONSE, null);
            List<ThreadEvent> visit = Courses.visit("t-2020-besoeg", "c".repeat(64));

            FoldedThread before = folded(visit.subList(0, 1));
            ThreadView after = ThreadFold.apply(before, new DeadlineSet(new ThreadId("t-2020-besoeg"), registration,
                    LocalDate.of(2020, 6, 30)), info(1)).view();

            assertThat(before.view().deadline()).isNull();
            assertThat(after.deadline()).isEqualTo(registration);
        }
    }

    @Nested
    class Bookkeeping {

        @Test
        void the_version_counts_the_events_folded_and_the_latest_recording_is_carried() {
            ThreadView view = fold(summons(), ministryProposes(), klAccepts());

            assertThat(view.version()).isEqualTo(3);
            assertThat(view.lastRecordedAt()).isEqualTo(recordedAt(2));
            assertThat(view.lastRecordedBy()).isEqualTo(RECORDER);
        }

        @Test
        void the_version_is_the_event_sequence_plus_one() {
            FoldedThread opened = folded(summons());

            ThreadView view = ThreadFold.apply(opened, ministryProposes(),
                    new EventInfo(41, Instant.parse("2024-06-03T12:15:30Z"), "sekretariat@bm.dk")).view();

            assertThat(view.version()).isEqualTo(42);
            assertThat(view.lastRecordedAt()).isEqualTo(Instant.parse("2024-06-03T12:15:30Z"));
            assertThat(view.lastRecordedBy()).isEqualTo("sekretariat@bm.dk");
        }

        @Test
        void an_event_recorded_by_nobody_known_leaves_the_recorder_empty() {
            ThreadView view = ThreadFold.apply(folded(summons()), ministryProposes(),
                    new EventInfo(1, Instant.parse("2021-05-20T07:00:00Z"), null)).view();

            assertThat(view.lastRecordedBy()).isNull();
            assertThat(view.lastRecordedAt()).isEqualTo(Instant.parse("2021-05-20T07:00:00Z"));
        }

        @Test
        void folding_an_event_leaves_the_earlier_view_as_it_was() {
            ThreadView proposed = fold(summons(), ministryProposes());

            ThreadView scheduled = ThreadFold.apply(new FoldedThread(proposed, List.of()), klAccepts(), info(2)).view();

            assertThat(scheduled.status()).isEqualTo(ThreadStatus.SCHEDULED);
            assertThat(proposed.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
            assertThat(proposed.openProposals()).extracting(ProposalView::proposalId).containsExactly("p-bm-1");
            assertThat(proposed.meeting()).isNull();
            assertThat(proposed.version()).isEqualTo(2);
        }

        @Test
        void replaying_no_events_gives_no_view() {
            assertThat(ThreadFold.replay(List.of(), List.of())).isNull();
        }

        @Test
        void replay_uses_each_event_own_recording() {
            List<EventInfo> infos = List.of(new EventInfo(0, Instant.parse("2021-05-04T08:00:00Z"), "bm-journal"),
                    new EventInfo(1, Instant.parse("2021-05-21T09:30:00Z"), "kl-journal"));

            ThreadView view = ThreadFold.replay(List.of(summons(), ministryProposes()), infos).view();

            assertThat(view.version()).isEqualTo(2);
            assertThat(view.lastRecordedAt()).isEqualTo(Instant.parse("2021-05-21T09:30:00Z"));
            assertThat(view.lastRecordedBy()).isEqualTo("kl-journal");
        }
    }

    @Nested
    class SampleCourses {

        @Test
        void jobcamp19_ends_held_on_the_afternoon_of_6_november_in_aalborg() {
            FoldedThread thread = folded(Courses.jobcamp("t-jobcamp19", "b".repeat(64)));
            ThreadView view = thread.view();

            assertThat(view.status()).isEqualTo(ThreadStatus.HELD);
            assertThat(view.kind()).isEqualTo(ThreadKind.INVITATION);
            assertThat(view.subject()).isEqualTo("Invitation til JobCAMP19");
            assertThat(view.inviting()).containsExactly(Courses.KL);
            assertThat(view.invited()).containsExactly(BEU);
            assertThat(view.openProposals()).isEmpty();
            assertThat(view.meeting()).isEqualTo(new MeetingView(LATE_IN_THE_DAY, "p-t-jobcamp19",
                    LocalDate.of(2019, 10, 10), List.of(), LocalDate.of(2019, 11, 6)));
            assertThat(view.location()).isEqualTo(AALBORG);
            assertThat(view.deadline()).isEqualTo(JOBCAMP_DEADLINE);
            assertThat(view.firstLetterDate()).isEqualTo(LocalDate.of(2019, 9, 6));
            assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2019, 9, 6));
            assertThat(view.people()).containsExactly(new Person("Michael Ziegler", "udvalgsformand", Courses.KL, null));
            assertThat(thread.letters()).hasSize(1);
            assertThat(view.version()).isEqualTo(3);
            assertThat(view.lastRecordedAt()).isEqualTo(recordedAt(2));
        }

        @Test
        void the_copenhagen_visit_moves_from_24_september_to_8_october_and_is_held_there() {
            ProposedSlot september = Courses.slot(2020, 9, 24, 13, 16, SlotPrecision.EXACT,
                    "torsdag d. 24. september kl. 13.00-16.00");
            ProposedSlot october = Courses.slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT,
                    "torsdag den 8. oktober kl. 13-16");

            FoldedThread thread = folded(Courses.visit("t-besoeg-2020", "c".repeat(64)));
            ThreadView view = thread.view();

            assertThat(view.status()).isEqualTo(ThreadStatus.HELD);
            assertThat(view.meeting()).isEqualTo(new MeetingView(october, "p-t-besoeg-2020", LocalDate.of(2020, 7, 1),
                    List.of(september), LocalDate.of(2020, 10, 8)));
            assertThat(view.location()).isEqualTo(new Location("Jobcenter København – Gammel Køge Landevej", null));
            assertThat(view.deadline()).isNull();
            assertThat(thread.letters()).extracting(LetterView::role, LetterView::subject).containsExactly(
                    tuple(null, "Invitation til besøg i København"),
                    tuple(LetterRole.FOLLOW_UP, "Besøget flyttes til 8. oktober"));
            assertThat(view.firstLetterDate()).isEqualTo(LocalDate.of(2020, 6, 24));
            assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2020, 8, 27));
            assertThat(view.people()).containsExactly(new Person("Michael Ziegler", "udvalgsformand",
                    Courses.KOBENHAVN, null));
            assertThat(view.version()).isEqualTo(5);
        }

        @Test
        void the_2013_partnership_call_records_eight_answers_from_ten_municipalities() {
            List<Party> p = Courses.PARTNERS;

            ThreadView view = fold(Courses.partnership("t-partnerskab-2013", "9".repeat(64)));

            assertThat(view.kind()).isEqualTo(ThreadKind.REGISTRATION_CALL);
            assertThat(view.status()).isEqualTo(ThreadStatus.RECEIVED);
            assertThat(view.invited()).isEqualTo(p);
            assertThat(view.openProposals()).isEmpty();
            assertThat(view.meeting()).isNull();
            assertThat(view.deadline()).isEqualTo(new Deadline(LocalDate.of(2013, 4, 19), DeadlineKind.REGISTRATION,
                    "Tilmeldingsfristen er den 19. april"));
            assertThat(view.registrations()).containsExactly(
                    new RegistrationView(p.get(0), ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10)),
                    new RegistrationView(p.get(6), ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 11)),
                    new RegistrationView(p.get(7), ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 12)),
                    new RegistrationView(p.get(3), ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 13)),
                    new RegistrationView(p.get(4), ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 14)),
                    new RegistrationView(p.get(1), ParticipationAnswer.DECLINED, false, LocalDate.of(2013, 4, 12)),
                    new RegistrationView(p.get(2), ParticipationAnswer.DECLINED, false, LocalDate.of(2013, 4, 15)),
                    new RegistrationView(p.get(8), ParticipationAnswer.REGISTERED, true, LocalDate.of(2013, 4, 25)));
            assertThat(view.version()).isEqualTo(9);
            assertThat(view.lastRecordedAt()).isEqualTo(recordedAt(8));
        }
    }
}
