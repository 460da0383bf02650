package dk.dialogue.ledger.query.thread;

import static dk.dialogue.ledger.query.thread.FoldFixtures.BEU;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL_BOARD;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL_PROPOSAL;
import static dk.dialogue.ledger.query.thread.FoldFixtures.LATE_IN_THE_DAY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.MINISTRY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.WHOLE_DAY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.fold;
import static dk.dialogue.ledger.query.thread.FoldFixtures.jobcampInvitation;
import static dk.dialogue.ledger.query.thread.FoldFixtures.summons;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.support.Courses;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThreadViewTest {

    private static final LocalDate JOBCAMP_DUE = LocalDate.of(2019, 10, 1);
    private static final LocalDate SUMMONS_DUE = LocalDate.of(2021, 5, 17);
    private static final ThreadId PARTNERSHIP = new ThreadId("t-2013-partnerskab");
    private static final List<Party> PARTNERS = Courses.PARTNERS;

    private static DateProposed beuCounters() {
        return new DateProposed(JOBCAMP_ID, new ProposalId("p-beu-1"), BEU, List.of(WHOLE_DAY), null, KL_PROPOSAL,
                LocalDate.of(2019, 9, 20));
    }

    private static MeetingAccepted beuAccepts() {
        return new MeetingAccepted(JOBCAMP_ID, KL_PROPOSAL, LATE_IN_THE_DAY, BEU, null, LocalDate.of(2019, 9, 25));
    }

    private static ParticipationRegistered answer(int partner, ParticipationAnswer answer, boolean late, int day) {
        return new ParticipationRegistered(PARTNERSHIP, PARTNERS.get(partner), answer, late,
                LocalDate.of(2013, 4, day));
    }

    private static ThreadView registrationCall(ThreadEvent... answers) {
        List<ThreadEvent> events = new ArrayList<>(Courses.partnership(PARTNERSHIP.value(), "9".repeat(64))
                .subList(0, 1));
        events.addAll(List.of(answers));
        return fold(events);
    }

    @Nested
    class AwaitingAnswerFrom {

        @Test
        void a_new_summons_awaits_the_invited_board() {
            assertThat(fold(summons()).awaitingAnswerFrom()).containsExactly(KL_BOARD);
        }

        @Test
        void an_invitation_offering_its_own_slots_awaits_the_invited_committee() {
            assertThat(fold(jobcampInvitation()).awaitingAnswerFrom()).containsExactly(BEU);
        }

        @Test
        void a_counter_proposal_from_the_invited_committee_awaits_the_inviting_side() {
            assertThat(fold(jobcampInvitation(), beuCounters()).awaitingAnswerFrom()).containsExactly(KL);
        }

        @Test
        void a_counter_proposal_to_a_joint_invitation_awaits_every_inviting_city() {
            List<ThreadEvent> visit = Courses.visit("t-2020-besoeg", "c".repeat(64));
            DateProposed counter = new DateProposed(new ThreadId("t-2020-besoeg"), new ProposalId("p-beu-okt"), BEU,
                    List.of(Courses.slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT, "8. oktober kl. 13-16")), null,
                    new ProposalId("p-t-2020-besoeg"), LocalDate.of(2020, 7, 3));

            ThreadView view = ThreadFold.apply(FoldFixtures.folded(visit.subList(0, 1)), counter,
                    FoldFixtures.info(1)).view();

            assertThat(view.awaitingAnswerFrom()).containsExactly(Courses.KOBENHAVN, Courses.AARHUS, Courses.ODENSE,
                    Courses.AALBORG);
        }

        @Test
        void a_proposal_from_the_inviting_ministry_awaits_the_invited_board() {
            DateProposed proposal = new DateProposed(SUMMONS_ID, new ProposalId("p-bm-1"), MINISTRY,
                    List.of(Courses.slot(2021, 6, 8, 10, 12, SlotPrecision.EXACT, "8. juni kl. 10-12")), null, null,
                    LocalDate.of(2021, 5, 20));

            assertThat(fold(summons(), proposal).awaitingAnswerFrom()).containsExactly(KL_BOARD);
        }

        @Test
        void a_proposal_made_by_a_unit_counts_for_its_whole_body() {
            Party klSecretariat = new Party(KL.kind(), "KL", "Sekretariatet");
            DateProposed proposal = new DateProposed(JOBCAMP_ID, new ProposalId("p-kl-2"), klSecretariat,
                    List.of(WHOLE_DAY), null, null, LocalDate.of(2019, 9, 12));
            ProposalWithdrawn withdrawn = new ProposalWithdrawn(JOBCAMP_ID, KL_PROPOSAL, KL, null,
                    LocalDate.of(2019, 9, 12));

            assertThat(fold(jobcampInvitation(), withdrawn, proposal).awaitingAnswerFrom()).containsExactly(BEU);
        }

        @Test
        void a_thread_whose_last_proposal_was_withdrawn_awaits_the_invited_party_again() {
            ProposalWithdrawn withdrawn = new ProposalWithdrawn(JOBCAMP_ID, KL_PROPOSAL, KL, null,
                    LocalDate.of(2019, 9, 12));

            assertThat(fold(jobcampInvitation(), withdrawn).awaitingAnswerFrom()).containsExactly(BEU);
        }

        @Test
        void scheduled_held_declined_cancelled_and_closed_threads_await_nobody() {
            ThreadView scheduled = fold(jobcampInvitation(), beuAccepts());
            ThreadView held = fold(jobcampInvitation(), beuAccepts(),
                    new MeetingHeld(JOBCAMP_ID, LATE_IN_THE_DAY, null, null, LocalDate.of(2019, 11, 6)));
            ThreadView declined = fold(jobcampInvitation(),
                    new InvitationDeclined(JOBCAMP_ID, BEU, "travlt i salen", LocalDate.of(2019, 9, 30)));
            ThreadView cancelled = fold(jobcampInvitation(),
                    new MeetingCancelled(JOBCAMP_ID, KL, "arrangementet aflyst", LocalDate.of(2019, 9, 30)));
            ThreadView closed = fold(summons(), new ThreadClosed(SUMMONS_ID, "mødet droppet", LocalDate.of(2021, 6, 1)));

            assertThat(List.of(scheduled, held, declined, cancelled, closed))
                    .extracting(ThreadView::status)
                    .containsExactly(ThreadStatus.SCHEDULED, ThreadStatus.HELD, ThreadStatus.DECLINED,
                            ThreadStatus.CANCELLED, ThreadStatus.CLOSED);
            assertThat(List.of(scheduled, held, declined, cancelled, closed))
                    .allSatisfy(view -> assertThat(view.awaitingAnswerFrom()).isEmpty());
        }

        @Test
        void a_registration_call_awaits_every_invited_municipality_that_has_not_answered_in_invitation_order() {
            ThreadView view = registrationCall(
                    answer(0, ParticipationAnswer.REGISTERED, false, 10),
                    answer(3, ParticipationAnswer.DECLINED, false, 11),
                    answer(9, ParticipationAnswer.REGISTERED, false, 12));

            assertThat(view.awaitingAnswerFrom()).containsExactly(PARTNERS.get(1), PARTNERS.get(2), PARTNERS.get(4),
                    PARTNERS.get(5), PARTNERS.get(6), PARTNERS.get(7), PARTNERS.get(8));
        }

        @Test
        void an_answer_given_by_a_jobcentre_counts_for_its_municipality() {
            Party kalundborgJobcenter = new Party(PARTNERS.get(8).kind(), "kalundborg kommune", "Jobcenter Kalundborg");
            ThreadView view = registrationCall(new ParticipationRegistered(PARTNERSHIP, kalundborgJobcenter,
                    ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10)));

            assertThat(view.awaitingAnswerFrom()).hasSize(9).doesNotContain(PARTNERS.get(8));
        }

        @Test
        void a_fully_answered_registration_call_awaits_nobody() {
            List<ThreadEvent> answers = new ArrayList<>();
            for (int i = 0; i < PARTNERS.size(); i++) {
                answers.add(answer(i, i % 3 == 0 ? ParticipationAnswer.DECLINED : ParticipationAnswer.REGISTERED,
                        false, 10 + i));
            }

            assertThat(registrationCall(answers.toArray(ThreadEvent[]::new)).awaitingAnswerFrom()).isEmpty();
        }

        @Test
        void a_closed_registration_call_awaits_nobody_even_with_answers_missing() {
            ThreadView view = registrationCall(answer(0, ParticipationAnswer.REGISTERED, false, 10),
                    new ThreadClosed(PARTNERSHIP, "partnerskabet er fuldtegnet", LocalDate.of(2013, 4, 30)));

            assertThat(view.awaitingAnswerFrom()).isEmpty();
        }
    }

    @Nested
    class Overdue {

        @Test
        void an_unanswered_invitation_is_not_overdue_on_its_due_day() {
            assertThat(fold(jobcampInvitation()).overdueOn(JOBCAMP_DUE)).isFalse();
        }

        @Test
        void an_unanswered_invitation_is_overdue_the_day_after_its_due_day() {
            assertThat(fold(jobcampInvitation()).overdueOn(JOBCAMP_DUE.plusDays(1))).isTrue();
        }

        @Test
        void an_unanswered_invitation_is_not_overdue_before_its_due_day() {
            assertThat(fold(jobcampInvitation()).overdueOn(LocalDate.of(2019, 9, 30))).isFalse();
        }

        @Test
        void a_summons_awaiting_the_board_is_overdue_after_its_deadline() {
            ThreadView view = fold(summons());

            assertThat(view.overdueOn(SUMMONS_DUE)).isFalse();
            assertThat(view.overdueOn(LocalDate.of(2021, 5, 18))).isTrue();
        }

        @Test
        void a_thread_without_a_deadline_is_never_overdue() {
            ThreadView view = fold(Courses.visit("t-2020-besoeg", "c".repeat(64)).subList(0, 1));

            assertThat(view.awaitingAnswerFrom()).containsExactly(BEU);
            assertThat(view.overdueOn(LocalDate.of(2030, 1, 1))).isFalse();
        }

        @Test
        void a_scheduled_meeting_is_not_overdue_after_the_response_deadline() {
            assertThat(fold(jobcampInvitation(), beuAccepts()).overdueOn(LocalDate.of(2019, 10, 2))).isFalse();
        }

        @Test
        void a_counter_proposal_awaiting_the_inviting_side_can_be_overdue_too() {
            assertThat(fold(jobcampInvitation(), beuCounters()).overdueOn(LocalDate.of(2019, 10, 2))).isTrue();
        }

        @Test
        void a_moved_deadline_is_judged_by_its_new_day() {
            ThreadView view = fold(jobcampInvitation(), new DeadlineSet(JOBCAMP_ID,
                    new Deadline(LocalDate.of(2019, 10, 15), DeadlineKind.RESPONSE, "svar senest 15. oktober"),
                    LocalDate.of(2019, 9, 28)));

            assertThat(view.overdueOn(LocalDate.of(2019, 10, 2))).isFalse();
            assertThat(view.overdueOn(LocalDate.of(2019, 10, 15))).isFalse();
            assertThat(view.overdueOn(LocalDate.of(2019, 10, 16))).isTrue();
        }

        @Test
        void a_registration_call_with_missing_answers_is_overdue_after_the_registration_deadline() {
            ThreadView view = registrationCall(answer(0, ParticipationAnswer.REGISTERED, false, 10));

            assertThat(view.overdueOn(LocalDate.of(2013, 4, 19))).isFalse();
            assertThat(view.overdueOn(LocalDate.of(2013, 4, 20))).isTrue();
        }

        @Test
        void a_fully_answered_registration_call_is_not_overdue() {
            List<ThreadEvent> answers = new ArrayList<>();
            for (int i = 0; i < PARTNERS.size(); i++) {
                answers.add(answer(i, ParticipationAnswer.REGISTERED, i == 9, 10 + i));
            }

            assertThat(registrationCall(answers.toArray(ThreadEvent[]::new)).overdueOn(LocalDate.of(2013, 5, 1)))
                    .isFalse();
        }

        @Test
        void a_closed_thread_is_not_overdue() {
            ThreadView view = fold(summons(), new ThreadClosed(SUMMONS_ID, null, LocalDate.of(2021, 5, 10)));

            assertThat(view.overdueOn(LocalDate.of(2021, 6, 1))).isFalse();
        }
    }

    @Nested
    class RegistrationSummary {

        @Test
        void the_2013_partnership_has_six_registered_two_declined_one_late_and_two_unanswered() {
            ThreadView view = fold(Courses.partnership(PARTNERSHIP.value(), "9".repeat(64)));

            assertThat(view.registrationSummary()).isEqualTo(new ThreadView.RegistrationSummary(6, 2, 1, 2));
            assertThat(view.awaitingAnswerFrom()).containsExactly(PARTNERS.get(5), PARTNERS.get(9));
        }

        @Test
        void a_fresh_registration_call_has_every_municipality_unanswered() {
            assertThat(registrationCall().registrationSummary())
                    .isEqualTo(new ThreadView.RegistrationSummary(0, 0, 0, 10));
        }

        @Test
        void a_changed_answer_counts_once_as_its_latest_answer() {
            ThreadView view = registrationCall(answer(0, ParticipationAnswer.REGISTERED, false, 10),
                    answer(0, ParticipationAnswer.DECLINED, false, 16));

            assertThat(view.registrationSummary()).isEqualTo(new ThreadView.RegistrationSummary(0, 1, 0, 9));
        }

        @Test
        void late_answers_of_either_kind_are_counted_as_late() {
            ThreadView view = registrationCall(answer(0, ParticipationAnswer.REGISTERED, true, 22),
                    answer(1, ParticipationAnswer.DECLINED, true, 23),
                    answer(2, ParticipationAnswer.REGISTERED, false, 18));

            assertThat(view.registrationSummary()).isEqualTo(new ThreadView.RegistrationSummary(2, 1, 2, 7));
        }

        @Test
        void an_invitation_has_an_all_zero_summary() {
            assertThat(fold(jobcampInvitation()).registrationSummary())
                    .isEqualTo(new ThreadView.RegistrationSummary(0, 0, 0, 0));
            assertThat(fold(summons()).registrationSummary())
                    .isEqualTo(new ThreadView.RegistrationSummary(0, 0, 0, 0));
        }
    }

    @Nested
    class SameParticipation {

        @Test
        void a_moved_deadline_leaves_the_parties_and_the_awaited_answers_as_they_were() {
            ThreadView before = fold(jobcampInvitation());
            ThreadView after = fold(jobcampInvitation(), new DeadlineSet(JOBCAMP_ID,
                    new Deadline(LocalDate.of(2019, 10, 15), DeadlineKind.RESPONSE, "svar senest 15. oktober"),
                    LocalDate.of(2019, 9, 28)));

            assertThat(after.sameParticipation(before)).isTrue();
        }

        @Test
        void an_accepted_meeting_awaits_no_answer_any_more() {
            ThreadView before = fold(jobcampInvitation());
            ThreadView after = fold(jobcampInvitation(), beuAccepts());

            assertThat(before.awaitingAnswerFrom()).isNotEmpty();
            assertThat(after.sameParticipation(before)).isFalse();
        }

        @Test
        void a_partners_answer_to_a_registration_call_is_no_longer_awaited() {
            assertThat(registrationCall(answer(0, ParticipationAnswer.REGISTERED, false, 10))
                    .sameParticipation(registrationCall())).isFalse();
        }

        @Test
        void another_thread_with_other_parties_does_not_take_part_the_same_way() {
            assertThat(fold(summons()).sameParticipation(fold(jobcampInvitation()))).isFalse();
        }
    }
}
