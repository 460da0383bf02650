package dk.dialogue.ledger.command.thread;

import static dk.dialogue.ledger.command.thread.DialogueThreadTest.Fixtures.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.events.Attachment;
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
import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.Reference;
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import dk.dialogue.ledger.events.ThreadLinked;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link DialogueThread}, one nested class per command. Fixture data follows the domain's sample
 * letters: KL inviting Folketingets Beskæftigelsesudvalg (BEU) to a dialogue meeting at job-CAMP19 in Aalborg
 * Kongrescenter (2019), the four largest cities inviting BEU to Jobcenter København (2020), KL's call to join a
 * political partnership with a registration deadline (2013), and a minister summoning KL's board with no date yet.
 *
 * <p>A thread's version is its number of events: after {@code n} given events a command that records one event
 * answers {@code n + 1}, and a no-op answers {@code n}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DialogueThreadTest {

    private static final String PAST_NEGOTIATION = "dk.dialogue.ledger.command.thread.DialogueThreadTest#pastNegotiation";
    private static final String ENDED = "dk.dialogue.ledger.command.thread.DialogueThreadTest#endedThreads";

    private final FixtureConfiguration<DialogueThread> fixture = new AggregateTestFixture<>(DialogueThread.class);

    /** Threads where the negotiation of a date is over: scheduled, held or declined. */
    static Stream<Arguments> pastNegotiation() {
        return Stream.of(arguments("SCHEDULED", scheduled()), arguments("HELD", held()),
                arguments("DECLINED", declined()));
    }

    /** Threads where only letters and corrections may still be recorded. */
    static Stream<Arguments> endedThreads() {
        return Stream.of(arguments("CLOSED", closed()), arguments("CANCELLED", cancelled()));
    }

    @Nested
    @DisplayName("ReceiveInvitation")
    class ReceiveInvitationCommand {

        @Test
        void opens_a_thread_with_the_slots_the_letter_proposes_and_answers_the_thread_id() {
            fixture.givenNoPriorActivity()
                    .when(jobcampInvitation().command())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InvitationReceived(THREAD, JOBCAMP_LETTER_ID, ThreadKind.INVITATION,
                            JOBCAMP_LETTER, List.of(KL), List.of(BEU), KL_PROPOSAL, List.of(NOV_6_LATE, NOV_7),
                            AALBORG_KONGRESCENTER, null, LocalDate.of(2019, 9, 6)))
                    .expectResultMessagePayload(THREAD);
        }

        @Test
        void opens_a_thread_for_a_joint_letter_from_the_four_largest_cities() {
            fixture.givenNoPriorActivity()
                    .when(fourCitiesInvitation().command())
                    .expectEvents(FOUR_CITIES_INVITED)
                    .expectResultMessagePayload(THREAD);
        }

        @Test
        void opens_a_summons_without_a_date_and_drops_a_proposal_id_given_without_slots() {
            fixture.givenNoPriorActivity()
                    .when(ministerSummons().proposalId(new ProposalId("unused")).command())
                    .expectEvents(new InvitationReceived(THREAD, SUMMONS_LETTER_ID, ThreadKind.SUMMONS,
                            SUMMONS_LETTER, List.of(MINISTRY), List.of(KL_BOARD), null, List.of(), null, null,
                            LocalDate.of(2021, 2, 1)))
                    .expectResultMessagePayload(THREAD);
        }

        @Test
        void opens_a_registration_call_with_a_registration_deadline() {
            fixture.givenNoPriorActivity()
                    .when(partnershipCall().command())
                    .expectEvents(PARTNERSHIP_CALLED)
                    .expectResultMessagePayload(THREAD);
        }

        @Test
        void accepts_a_response_deadline_on_an_invitation() {
            Deadline answerBy = new Deadline(LocalDate.of(2019, 10, 1), DeadlineKind.RESPONSE, null);
            fixture.givenNoPriorActivity()
                    .when(jobcampInvitation().deadline(answerBy).command())
                    .expectEvents(new InvitationReceived(THREAD, JOBCAMP_LETTER_ID, ThreadKind.INVITATION,
                            JOBCAMP_LETTER, List.of(KL), List.of(BEU), KL_PROPOSAL, List.of(NOV_6_LATE, NOV_7),
                            AALBORG_KONGRESCENTER, answerBy, LocalDate.of(2019, 9, 6)));
        }

        @Test
        void requires_the_kind_of_thread() {
            expectViolation(fixture.givenNoPriorActivity().when(jobcampInvitation().kind(null).command()),
                    "kind", "the kind of thread is required");
        }

        @Test
        void requires_the_letter() {
            expectViolation(fixture.givenNoPriorActivity().when(jobcampInvitation().letter(null).command()),
                    "letter", "the letter is required");
        }

        @Test
        void requires_at_least_one_inviting_party() {
            expectViolation(fixture.givenNoPriorActivity().when(jobcampInvitation().inviting().command()),
                    "inviting", "at least one inviting party is required");
        }

        @Test
        void requires_at_least_one_invited_party() {
            expectViolation(fixture.givenNoPriorActivity().when(jobcampInvitation().invited().command()),
                    "invited", "at least one invited party is required");
        }

        @Test
        void rejects_an_invited_party_that_is_also_inviting_even_through_another_unit() {
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().invited(BEU, KL_SECRETARIAT).command()),
                    "invited[1]", "Kommunernes Landsforening cannot both invite and be invited");
        }

        @Test
        void rejects_a_missing_slot() {
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().slots(Arrays.asList(NOV_6_LATE, null)).command()),
                    "slots[1]", "a slot is required");
        }

        @Test
        void rejects_a_slot_without_a_precision() {
            ProposedSlot imprecise = new ProposedSlot(NOV_7.start(), NOV_7.end(), null, NOV_7.wording());
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().slots(List.of(imprecise)).command()),
                    "slots[0]", "a slot needs a start, an end and a precision");
        }

        @Test
        void rejects_a_slot_that_ends_before_it_starts() {
            ProposedSlot backwards = slot(at(2019, 11, 6, 18, 0), at(2019, 11, 6, 15, 0),
                    SlotPrecision.PART_OF_DAY, "den 6. november sidst på dagen");
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().slots(List.of(NOV_7, backwards)).command()),
                    "slots[1].end", "a slot ends after it starts");
        }

        @Test
        void rejects_a_slot_that_ends_when_it_starts() {
            ProposedSlot empty = slot(NOV_7.start(), NOV_7.start(), SlotPrecision.DAY, "den 7. november");
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().slots(List.of(empty)).command()),
                    "slots[0].end", "a slot ends after it starts");
        }

        @Test
        void requires_a_proposal_id_for_the_slots_of_the_letter() {
            expectViolation(fixture.givenNoPriorActivity().when(jobcampInvitation().proposalId(null).command()),
                    "proposalId", "slots need a proposal id");
        }

        @Test
        void rejects_a_registration_deadline_on_an_invitation() {
            Deadline registration = new Deadline(LocalDate.of(2019, 10, 1), DeadlineKind.REGISTRATION, null);
            expectViolation(fixture.givenNoPriorActivity()
                            .when(jobcampInvitation().deadline(registration).command()),
                    "deadline.kind", "only a registration call has a registration deadline");
        }

        @Test
        void treats_an_absent_slot_list_as_a_letter_without_dates() {
            fixture.givenNoPriorActivity()
                    .when(ministerSummons().slots(null).command())
                    .expectEvents(SUMMONS_RECEIVED);
        }
    }

    @Nested
    @DisplayName("ProposeDate")
    class ProposeDateCommand {

        @Test
        void records_a_counter_proposal_from_the_invited_committee() {
            fixture.given(dateProposed())
                    .when(beuCounterProposal())
                    .expectEvents(BEU_COUNTERED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void records_the_first_proposal_on_a_thread_received_without_dates() {
            fixture.given(SUMMONS_RECEIVED)
                    .when(new ProposeDate(THREAD, null, MINISTRY_PROPOSAL, MINISTRY, List.of(MAR_3, MAR_5),
                            MINISTRY_BUILDING, null, LocalDate.of(2021, 2, 15)))
                    .expectEvents(new DateProposed(THREAD, MINISTRY_PROPOSAL, MINISTRY, List.of(MAR_3, MAR_5),
                            MINISTRY_BUILDING, null, LocalDate.of(2021, 2, 15)))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void lets_another_unit_of_a_participant_propose_next_to_an_open_proposal() {
            ProposalId secretariatProposal = new ProposalId("beu-sekretariat-2019-09-18");
            fixture.given(dateProposed())
                    .when(new ProposeDate(THREAD, null, secretariatProposal, BEU_SECRETARIAT,
                            List.of(NOV_7_MORNING), null, null, LocalDate.of(2019, 9, 18)))
                    .expectEvents(new DateProposed(THREAD, secretariatProposal, BEU_SECRETARIAT,
                            List.of(NOV_7_MORNING), null, null, LocalDate.of(2019, 9, 18)))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void closes_the_countered_proposal_so_its_slots_can_no_longer_be_accepted() {
            expectViolation(fixture.given(dateProposed()).andGivenCommands(beuCounterProposal())
                            .when(beuAcceptance(1)),
                    "proposalId", "proposal kl-jobcamp19 is withdrawn, countered or already settled");
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource(PAST_NEGOTIATION)
        void rejects_a_proposal_once_negotiation_is_over(String stage, List<Object> history) {
            expectViolation(fixture.given(history).when(beuCounterProposal()), null,
                    containsString("dates can only be proposed before a meeting is scheduled; the thread is "
                            + stage + " (reschedule a scheduled meeting instead)"));
        }

        @Test
        void rejects_a_proposal_from_a_body_outside_the_thread() {
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, new ProposalId("bm-2019-09-30"), MINISTRY,
                                    List.of(NOV_7_MORNING), null, null, LocalDate.of(2019, 9, 30))),
                    "proposedBy", "Beskæftigelsesministeriet (MINISTRY) is not a participant in this thread");
        }

        @Test
        void rejects_a_proposal_without_slots() {
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, BEU_COUNTER, BEU, List.of(), null, KL_PROPOSAL,
                                    LocalDate.of(2019, 9, 20))),
                    "slots", "a proposal needs at least one slot");
        }

        @Test
        void rejects_a_slot_that_ends_before_it_starts() {
            ProposedSlot backwards = slot(NOV_7_MORNING.end(), NOV_7_MORNING.start(), SlotPrecision.EXACT,
                    NOV_7_MORNING.wording());
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, BEU_COUNTER, BEU, List.of(backwards), null,
                                    KL_PROPOSAL, LocalDate.of(2019, 9, 20))),
                    "slots[0].end", "a slot ends after it starts");
        }

        @Test
        void rejects_a_proposal_id_already_used_in_the_thread() {
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, KL_PROPOSAL, BEU, List.of(NOV_7_MORNING), null,
                                    null, LocalDate.of(2019, 9, 20))),
                    "proposalId", "proposal kl-jobcamp19 already exists");
        }

        @Test
        void rejects_countering_a_proposal_never_made() {
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, BEU_COUNTER, BEU, List.of(NOV_7_MORNING), null,
                                    new ProposalId("kl-jobcamp18"), LocalDate.of(2019, 9, 20))),
                    "counters", "proposal kl-jobcamp18 was never made in this thread");
        }

        @Test
        void rejects_countering_a_withdrawn_proposal() {
            expectViolation(fixture.given(JOBCAMP_INVITED, KL_WITHDREW).when(beuCounterProposal()),
                    "counters", "proposal kl-jobcamp19 is withdrawn, countered or already settled");
        }

        @Test
        void rejects_a_party_countering_its_own_proposal_even_through_another_unit() {
            expectViolation(fixture.given(dateProposed())
                            .when(new ProposeDate(THREAD, null, new ProposalId("kl-sekretariat-2019-09-10"),
                                    KL_SECRETARIAT, List.of(NOV_7_MORNING), null, KL_PROPOSAL,
                                    LocalDate.of(2019, 9, 10))),
                    "counters", "a party cannot counter its own proposal; withdraw it instead");
        }
    }

    @Nested
    @DisplayName("WithdrawProposal")
    class WithdrawProposalCommand {

        @Test
        void lets_the_proposer_withdraw_its_open_proposal() {
            fixture.given(dateProposed())
                    .when(klWithdrawal(KL))
                    .expectEvents(KL_WITHDREW)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void lets_another_unit_of_the_proposing_body_withdraw_it() {
            fixture.given(dateProposed())
                    .when(klWithdrawal(KL_SECRETARIAT))
                    .expectEvents(new ProposalWithdrawn(THREAD, KL_PROPOSAL, KL_SECRETARIAT, WITHDRAWAL_REASON,
                            LocalDate.of(2019, 9, 23)));
        }

        @Test
        void leaves_the_thread_open_for_new_proposals() {
            fixture.given(JOBCAMP_INVITED, KL_WITHDREW)
                    .when(new ProposeDate(THREAD, null, BEU_COUNTER, BEU, List.of(NOV_7_MORNING), null, null,
                            LocalDate.of(2019, 9, 25)))
                    .expectEvents(BEU_COUNTERED_FRESH)
                    .expectResultMessagePayload(3L);
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource(PAST_NEGOTIATION)
        void rejects_a_withdrawal_once_negotiation_is_over(String stage, List<Object> history) {
            expectViolation(fixture.given(history).when(klWithdrawal(KL)), null,
                    "a proposal can only be withdrawn before a meeting is scheduled");
        }

        @Test
        void rejects_withdrawing_a_proposal_never_made() {
            expectViolation(fixture.given(dateProposed())
                            .when(new WithdrawProposal(THREAD, null, BEU_COUNTER, BEU, null,
                                    LocalDate.of(2019, 9, 23))),
                    "proposalId", "proposal beu-2019-09-20 was never made in this thread");
        }

        @Test
        void rejects_withdrawing_a_proposal_twice() {
            expectViolation(fixture.given(JOBCAMP_INVITED, KL_WITHDREW).when(klWithdrawal(KL)),
                    "proposalId", "proposal kl-jobcamp19 is withdrawn, countered or already settled");
        }

        @Test
        void rejects_a_withdrawal_by_a_party_that_did_not_make_the_proposal() {
            expectViolation(fixture.given(dateProposed()).when(klWithdrawal(BEU)),
                    "withdrawnBy", "only the party that made proposal kl-jobcamp19 can withdraw it");
        }

        @Test
        void lets_a_co_inviting_city_withdraw_the_proposal_of_their_joint_letter() {
            fixture.given(FOUR_CITIES_INVITED)
                    .when(new WithdrawProposal(THREAD, null, CITIES_PROPOSAL, AARHUS, "Besøget udskydes",
                            LocalDate.of(2020, 7, 1)))
                    .expectEvents(new ProposalWithdrawn(THREAD, CITIES_PROPOSAL, AARHUS, "Besøget udskydes",
                            LocalDate.of(2020, 7, 1)));
        }
    }

    @Nested
    @DisplayName("AcceptMeeting")
    class AcceptMeetingCommand {

        @Test
        void schedules_the_chosen_slot_at_the_proposals_location() {
            fixture.given(dateProposed())
                    .when(beuAcceptance(1))
                    .expectEvents(BEU_ACCEPTED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void uses_the_location_given_with_the_acceptance() {
            Location hotel = new Location("Hotel Comwell Aalborg", "Vesterbro 2, 9000 Aalborg");
            fixture.given(dateProposed())
                    .when(new AcceptMeeting(THREAD, null, KL_PROPOSAL, 0, BEU, hotel, LocalDate.of(2019, 9, 27)))
                    .expectEvents(new MeetingAccepted(THREAD, KL_PROPOSAL, NOV_6_LATE, BEU, hotel,
                            LocalDate.of(2019, 9, 27)));
        }

        @Test
        void falls_back_to_the_threads_location_when_the_proposal_names_none() {
            fixture.given(JOBCAMP_INVITED, BEU_COUNTERED)
                    .when(new AcceptMeeting(THREAD, null, BEU_COUNTER, 0, KL, null, LocalDate.of(2019, 9, 25)))
                    .expectEvents(new MeetingAccepted(THREAD, BEU_COUNTER, NOV_7_MORNING, KL,
                            AALBORG_KONGRESCENTER, LocalDate.of(2019, 9, 25)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void schedules_without_a_location_when_none_is_known() {
            fixture.given(SUMMONS_RECEIVED, new DateProposed(THREAD, MINISTRY_PROPOSAL, MINISTRY,
                            List.of(MAR_3, MAR_5), null, null, LocalDate.of(2021, 2, 15)))
                    .when(new AcceptMeeting(THREAD, null, MINISTRY_PROPOSAL, 1, KL_BOARD, null,
                            LocalDate.of(2021, 2, 17)))
                    .expectEvents(new MeetingAccepted(THREAD, MINISTRY_PROPOSAL, MAR_5, KL_BOARD, null,
                            LocalDate.of(2021, 2, 17)));
        }

        @Test
        void rejects_a_slot_of_a_withdrawn_proposal() {
            expectViolation(fixture.given(JOBCAMP_INVITED, KL_WITHDREW).when(beuAcceptance(1)),
                    "proposalId", "proposal kl-jobcamp19 is withdrawn, countered or already settled");
        }

        @Test
        void rejects_a_slot_of_a_countered_proposal() {
            expectViolation(fixture.given(JOBCAMP_INVITED, BEU_COUNTERED).when(beuAcceptance(0)),
                    "proposalId", "proposal kl-jobcamp19 is withdrawn, countered or already settled");
        }

        @Test
        void rejects_a_proposal_never_made() {
            expectViolation(fixture.given(dateProposed())
                            .when(new AcceptMeeting(THREAD, null, BEU_COUNTER, 0, KL, null,
                                    LocalDate.of(2019, 9, 25))),
                    "proposalId", "proposal beu-2019-09-20 was never made in this thread");
        }

        @ParameterizedTest(name = "slot {0} of two")
        @ValueSource(ints = {-1, 2})
        void rejects_a_slot_the_proposal_does_not_have(int slotIndex) {
            expectViolation(fixture.given(dateProposed()).when(beuAcceptance(slotIndex)),
                    "slotIndex", "proposal kl-jobcamp19 has no slot " + slotIndex);
        }

        @Test
        void rejects_a_party_accepting_its_own_proposal() {
            expectViolation(fixture.given(dateProposed())
                            .when(new AcceptMeeting(THREAD, null, KL_PROPOSAL, 1, KL_SECRETARIAT, null,
                                    LocalDate.of(2019, 9, 10))),
                    "acceptedBy", "a party cannot accept its own proposal");
        }

        @Test
        void rejects_an_acceptance_from_a_body_outside_the_thread() {
            expectViolation(fixture.given(dateProposed())
                            .when(new AcceptMeeting(THREAD, null, KL_PROPOSAL, 1, AALBORG, null,
                                    LocalDate.of(2019, 9, 27))),
                    "acceptedBy", "Aalborg Kommune (MUNICIPALITY) is not a participant in this thread");
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource(PAST_NEGOTIATION)
        void rejects_an_acceptance_once_negotiation_is_over(String stage, List<Object> history) {
            expectViolation(fixture.given(history).when(beuAcceptance(1)), null,
                    "the thread is " + stage + "; only an open proposal can be accepted");
        }

        @Test
        void rejects_a_co_inviting_city_accepting_the_proposal_of_their_joint_letter() {
            expectViolation(fixture.given(FOUR_CITIES_INVITED)
                            .when(new AcceptMeeting(THREAD, null, CITIES_PROPOSAL, 0, AARHUS, null,
                                    LocalDate.of(2020, 7, 1))),
                    "acceptedBy", "a party cannot accept its own proposal");
        }
    }

    @Nested
    @DisplayName("DeclineInvitation")
    class DeclineInvitationCommand {

        @Test
        void records_the_invited_committee_declining() {
            fixture.given(dateProposed())
                    .when(beuDeclining())
                    .expectEvents(BEU_DECLINED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void lets_the_invited_party_decline_a_scheduled_meeting() {
            fixture.given(scheduled())
                    .when(beuDeclining())
                    .expectEvents(BEU_DECLINED)
                    .expectResultMessagePayload(3L);
        }

        @Test
        void sends_each_party_of_a_registration_call_to_register_its_own_answer() {
            expectViolation(fixture.given(PARTNERSHIP_CALLED)
                            .when(new DeclineInvitation(THREAD, null, SYDDJURS, null, LocalDate.of(2013, 4, 2))),
                    null, containsString("each party answers a registration call on its own"));
        }

        @Test
        void rejects_declining_twice() {
            expectViolation(fixture.given(declined()).when(beuDeclining()), null,
                    "the thread is DECLINED and can no longer be declined");
        }

        @Test
        void rejects_declining_a_meeting_already_held() {
            expectViolation(fixture.given(held()).when(beuDeclining()), null,
                    "the thread is HELD and can no longer be declined");
        }

        @Test
        void rejects_a_decline_from_a_party_that_is_not_invited() {
            expectViolation(fixture.given(dateProposed())
                            .when(new DeclineInvitation(THREAD, null, KL, null, LocalDate.of(2019, 9, 27))),
                    "declinedBy", "Kommunernes Landsforening is not invited in this thread");
        }
    }

    @Nested
    @DisplayName("RescheduleMeeting")
    class RescheduleMeetingCommand {

        @Test
        void moves_the_meeting_citing_the_letter_that_states_the_move() {
            fixture.given(fourCitiesScheduled())
                    .when(new RescheduleMeeting(THREAD, null, OCT_8, null, BEU, MOVE_REASON,
                            RescheduleBasis.STATED_IN_LETTER, BEU_MOVE_LETTER_ID, LocalDate.of(2020, 9, 1)))
                    .expectEvents(MOVED_TO_OCT_8)
                    .expectResultMessagePayload(4L);
        }

        @Test
        void infers_a_move_from_a_later_letter_at_another_place() {
            Location gammelKoge = new Location("Jobcenter København – Gammel Køge Landevej", null);
            fixture.given(fourCitiesScheduled())
                    .when(new RescheduleMeeting(THREAD, null, OCTOBER_2020, gammelKoge, KOBENHAVN, null,
                            RescheduleBasis.INFERRED_FROM_LATER_LETTER, null, LocalDate.of(2021, 3, 15)))
                    .expectEvents(new MeetingRescheduled(THREAD, SEP_24, OCTOBER_2020, gammelKoge, KOBENHAVN,
                            null, RescheduleBasis.INFERRED_FROM_LATER_LETTER, null, LocalDate.of(2021, 3, 15)));
        }

        @Test
        void moves_from_the_latest_slot_and_may_move_back_to_the_original_one() {
            fixture.given(history(fourCitiesScheduled(), MOVED_TO_OCT_8))
                    .when(moveTo(SEP_24))
                    .expectEvents(new MeetingRescheduled(THREAD, OCT_8, SEP_24, null, BEU, null,
                            RescheduleBasis.INFERRED_FROM_LATER_LETTER, null, LocalDate.of(2020, 9, 10)))
                    .expectResultMessagePayload(5L);
        }

        @Test
        void rejects_a_meeting_not_yet_scheduled() {
            expectViolation(fixture.given(FOUR_CITIES_INVITED).when(moveTo(OCT_8)), null,
                    "only a scheduled meeting can be rescheduled; the thread is DATE_PROPOSED");
        }

        @Test
        void rejects_a_meeting_already_held() {
            expectViolation(fixture.given(held()).when(moveTo(OCT_8)), null,
                    "only a scheduled meeting can be rescheduled; the thread is HELD");
        }

        @Test
        void rejects_a_request_from_a_body_outside_the_thread() {
            expectViolation(fixture.given(fourCitiesScheduled())
                            .when(new RescheduleMeeting(THREAD, null, OCT_8, null, KL, null,
                                    RescheduleBasis.STATED_IN_LETTER, null, LocalDate.of(2020, 9, 1))),
                    "requestedBy", "Kommunernes Landsforening (KL) is not a participant in this thread");
        }

        @Test
        void requires_a_new_slot() {
            expectViolation(fixture.given(fourCitiesScheduled()).when(moveTo(null)),
                    "newSlot", "a slot is required");
        }

        @Test
        void rejects_a_new_slot_without_a_start() {
            expectViolation(fixture.given(fourCitiesScheduled())
                            .when(moveTo(new ProposedSlot(null, OCT_8.end(), SlotPrecision.EXACT, null))),
                    "newSlot", "a slot needs a start, an end and a precision");
        }

        @Test
        void rejects_a_new_slot_that_ends_before_it_starts() {
            expectViolation(fixture.given(fourCitiesScheduled())
                            .when(moveTo(slot(OCT_8.end(), OCT_8.start(), SlotPrecision.EXACT, null))),
                    "newSlot.end", "a slot ends after it starts");
        }

        @Test
        void rejects_the_slot_the_meeting_already_has() {
            expectViolation(fixture.given(fourCitiesScheduled()).when(moveTo(SEP_24)),
                    "newSlot", "the meeting is already scheduled for that slot");
        }

        @Test
        void requires_the_basis_of_the_move() {
            expectViolation(fixture.given(fourCitiesScheduled())
                            .when(new RescheduleMeeting(THREAD, null, OCT_8, null, BEU, null, null, null,
                                    LocalDate.of(2020, 9, 1))),
                    "basis", "say whether a letter states the move or it is inferred");
        }

        @Test
        void rejects_a_letter_not_registered_in_the_thread() {
            expectViolation(fixture.given(fourCitiesScheduled())
                            .when(new RescheduleMeeting(THREAD, null, OCT_8, null, BEU, null,
                                    RescheduleBasis.STATED_IN_LETTER, new LetterId("beu-2020-08-31"),
                                    LocalDate.of(2020, 9, 1))),
                    "basedOnLetter", "letter beu-2020-08-31 is not registered in this thread");
        }
    }

    @Nested
    @DisplayName("CancelMeeting")
    class CancelMeetingCommand {

        static Stream<Arguments> threadsWithAMeetingToCancel() {
            return Stream.of(arguments("RECEIVED", List.of(JOBCAMP_INVITED, KL_WITHDREW)),
                    arguments("DATE_PROPOSED", dateProposed()), arguments("SCHEDULED", scheduled()));
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource("threadsWithAMeetingToCancel")
        void calls_off_the_meeting(String stage, List<Object> history) {
            fixture.given(history)
                    .when(klCancelling())
                    .expectEvents(KL_CANCELLED)
                    .expectResultMessagePayload(history.size() + 1L);
        }

        @Test
        void rejects_cancelling_a_meeting_already_held() {
            expectViolation(fixture.given(held()).when(klCancelling()), null,
                    "the thread is HELD; there is no meeting to cancel");
        }

        @Test
        void rejects_cancelling_a_declined_invitation() {
            expectViolation(fixture.given(declined()).when(klCancelling()), null,
                    "the thread is DECLINED; there is no meeting to cancel");
        }

        @Test
        void rejects_a_cancellation_from_a_body_outside_the_thread() {
            expectViolation(fixture.given(scheduled())
                            .when(new CancelMeeting(THREAD, null, MINISTRY, null, LocalDate.of(2019, 10, 15))),
                    "cancelledBy", "Beskæftigelsesministeriet (MINISTRY) is not a participant in this thread");
        }
    }

    @Nested
    @DisplayName("RecordMeetingHeld")
    class RecordMeetingHeldCommand {

        @Test
        void records_the_meeting_held_in_its_scheduled_slot() {
            fixture.given(scheduled())
                    .when(new RecordMeetingHeld(THREAD, null, null, HELD_NOTE, LocalDate.of(2019, 11, 7)))
                    .expectEvents(JOBCAMP_HELD)
                    .expectResultMessagePayload(3L);
        }

        @Test
        void plans_with_the_slot_the_meeting_was_moved_to() {
            fixture.given(history(fourCitiesScheduled(), MOVED_TO_OCT_8))
                    .when(new RecordMeetingHeld(THREAD, null, JOBCENTER_KOBENHAVN, null, LocalDate.of(2020, 10, 8)))
                    .expectEvents(new MeetingHeld(THREAD, OCT_8, JOBCENTER_KOBENHAVN, null,
                            LocalDate.of(2020, 10, 8)))
                    .expectResultMessagePayload(5L);
        }

        static Stream<Arguments> threadsWithoutAScheduledMeeting() {
            return Stream.of(arguments("DATE_PROPOSED", dateProposed()), arguments("DECLINED", declined()),
                    arguments("HELD", held()));
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource("threadsWithoutAScheduledMeeting")
        void rejects_a_meeting_that_is_not_scheduled(String stage, List<Object> history) {
            expectViolation(fixture.given(history)
                            .when(new RecordMeetingHeld(THREAD, null, null, null, LocalDate.of(2019, 11, 7))),
                    null, "a meeting is held only once it is scheduled; the thread is " + stage);
        }
    }

    @Nested
    @DisplayName("RecordLetter")
    class RecordLetterCommand {

        @Test
        void records_a_reply_under_its_letter_date() {
            fixture.given(dateProposed())
                    .when(beuReply())
                    .expectEvents(BEU_REPLIED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejects_a_letter_id_already_registered() {
            expectViolation(fixture.given(dateProposed())
                            .when(new RecordLetter(THREAD, null, JOBCAMP_LETTER_ID, LetterRole.REPLY, BEU_REPLY,
                                    documents(BEU_REPLY_TEXT))),
                    "letterId", "letter kl-2019-09-06 is already registered");
        }

        @Test
        void rejects_a_second_registration_of_the_same_text() {
            expectViolation(fixture.given(dateProposed())
                            .when(new RecordLetter(THREAD, null, new LetterId("kl-2019-09-06-kopi"),
                                    LetterRole.OTHER, JOBCAMP_LETTER, documents(JOBCAMP_TEXT))),
                    "letter.text", "a letter with the same text is already registered in this thread");
        }

        @Test
        void accepts_a_text_that_only_a_corrected_registration_had() {
            Letter registeredWithTheReplysText = withText(JOBCAMP_LETTER, BEU_REPLY.textSha256());
            fixture.given(new InvitationReceived(THREAD, JOBCAMP_LETTER_ID, ThreadKind.INVITATION,
                                    registeredWithTheReplysText, List.of(KL), List.of(BEU), KL_PROPOSAL,
                                    List.of(NOV_6_LATE, NOV_7), AALBORG_KONGRESCENTER, null, LocalDate.of(2019, 9, 6)),
                            new RecordCorrected(THREAD, JOBCAMP_LETTER_ID, JOBCAMP_LETTER, "Forkert tekst vedhæftet",
                                    LocalDate.of(2019, 9, 21)))
                    .when(beuReply())
                    .expectEvents(BEU_REPLIED);
        }
    }

    @Nested
    @DisplayName("RegisterParticipation")
    class RegisterParticipationCommand {

        @Test
        void records_a_registration_before_the_deadline_as_on_time() {
            fixture.given(PARTNERSHIP_CALLED)
                    .when(register(KALUNDBORG, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 10)))
                    .expectEvents(KALUNDBORG_REGISTERED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void counts_an_answer_on_the_deadline_day_as_on_time() {
            fixture.given(PARTNERSHIP_CALLED)
                    .when(register(SYDDJURS, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 19)))
                    .expectEvents(new ParticipationRegistered(THREAD, SYDDJURS, ParticipationAnswer.REGISTERED,
                            false, LocalDate.of(2013, 4, 19)));
        }

        @Test
        void records_an_answer_after_the_deadline_as_late_but_accepts_it() {
            fixture.given(PARTNERSHIP_CALLED)
                    .when(register(SYDDJURS, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 22)))
                    .expectEvents(new ParticipationRegistered(THREAD, SYDDJURS, ParticipationAnswer.REGISTERED,
                            true, LocalDate.of(2013, 4, 22)))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void judges_lateness_against_a_moved_deadline() {
            fixture.given(PARTNERSHIP_CALLED, DEADLINE_EXTENDED)
                    .when(register(SYDDJURS, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 22)))
                    .expectEvents(new ParticipationRegistered(THREAD, SYDDJURS, ParticipationAnswer.REGISTERED,
                            false, LocalDate.of(2013, 4, 22)));
        }

        @Test
        void never_counts_an_answer_late_without_a_deadline() {
            fixture.givenCommands(partnershipCall().deadline(null).command())
                    .when(register(SYDDJURS, ParticipationAnswer.DECLINED, LocalDate.of(2014, 1, 6)))
                    .expectEvents(new ParticipationRegistered(THREAD, SYDDJURS, ParticipationAnswer.DECLINED,
                            false, LocalDate.of(2014, 1, 6)));
        }

        @Test
        void ignores_the_same_answer_given_again_even_by_another_unit() {
            fixture.given(PARTNERSHIP_CALLED, new ParticipationRegistered(THREAD, SYDDJURS,
                            ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10)))
                    .when(register(JOBCENTER_SYDDJURS, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 12)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void records_a_changed_answer() {
            fixture.given(PARTNERSHIP_CALLED, KALUNDBORG_REGISTERED)
                    .when(register(KALUNDBORG, ParticipationAnswer.DECLINED, LocalDate.of(2013, 4, 15)))
                    .expectEvents(new ParticipationRegistered(THREAD, KALUNDBORG, ParticipationAnswer.DECLINED,
                            false, LocalDate.of(2013, 4, 15)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void rejects_a_registration_on_a_thread_that_is_not_a_registration_call() {
            expectViolation(fixture.given(dateProposed())
                            .when(register(BEU, ParticipationAnswer.REGISTERED, LocalDate.of(2019, 9, 20))),
                    null, "only a registration call takes registrations");
        }

        @Test
        void rejects_a_registration_from_a_municipality_not_invited() {
            expectViolation(fixture.given(PARTNERSHIP_CALLED)
                            .when(register(KOBENHAVN, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 10))),
                    "party", "Københavns Kommune is not invited to register");
        }

        @Test
        void rejects_a_registration_from_the_inviting_party() {
            expectViolation(fixture.given(PARTNERSHIP_CALLED)
                            .when(register(KL, ParticipationAnswer.REGISTERED, LocalDate.of(2013, 4, 10))),
                    "party", "Kommunernes Landsforening is not invited to register");
        }
    }

    @Nested
    @DisplayName("SetDeadline")
    class SetDeadlineCommand {

        @Test
        void sets_a_response_deadline_on_an_invitation() {
            Deadline answerBy = new Deadline(LocalDate.of(2019, 10, 4), DeadlineKind.RESPONSE,
                    "svar senest fredag den 4. oktober");
            fixture.given(dateProposed())
                    .when(new SetDeadline(THREAD, null, answerBy, LocalDate.of(2019, 9, 13)))
                    .expectEvents(new DeadlineSet(THREAD, answerBy, LocalDate.of(2019, 9, 13)))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void moves_the_registration_deadline_of_a_registration_call() {
            fixture.given(PARTNERSHIP_CALLED)
                    .when(new SetDeadline(THREAD, null, EXTENDED_DEADLINE, LocalDate.of(2013, 4, 15)))
                    .expectEvents(DEADLINE_EXTENDED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignores_the_deadline_the_thread_already_has() {
            fixture.given(PARTNERSHIP_CALLED)
                    .when(new SetDeadline(THREAD, null, REGISTRATION_DEADLINE, LocalDate.of(2013, 4, 15)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejects_a_registration_deadline_on_an_invitation() {
            expectViolation(fixture.given(dateProposed())
                            .when(new SetDeadline(THREAD, null, REGISTRATION_DEADLINE, LocalDate.of(2019, 9, 13))),
                    "deadline.kind", "only a registration call has a registration deadline");
        }
    }

    @Nested
    @DisplayName("LinkThread")
    class LinkThreadCommand {

        @Test
        void links_the_thread_as_the_follow_up_of_an_earlier_visit() {
            fixture.given(dateProposed())
                    .when(link(LinkType.FOLLOW_UP_OF))
                    .expectEvents(FOLLOWS_UP_EARLIER_VISIT)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignores_a_link_it_already_has() {
            fixture.given(JOBCAMP_INVITED, FOLLOWS_UP_EARLIER_VISIT)
                    .when(link(LinkType.FOLLOW_UP_OF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void records_a_second_link_of_another_type_to_the_same_thread() {
            fixture.given(JOBCAMP_INVITED, FOLLOWS_UP_EARLIER_VISIT)
                    .when(link(LinkType.RELATED_TO))
                    .expectEvents(new ThreadLinked(THREAD, EARLIER_VISIT, LinkType.RELATED_TO, LINK_NOTE,
                            LocalDate.of(2019, 9, 6)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void rejects_a_link_to_itself() {
            expectViolation(fixture.given(dateProposed())
                            .when(new LinkThread(THREAD, null, THREAD, LinkType.RELATED_TO, null,
                                    LocalDate.of(2019, 9, 6))),
                    "linkedThreadId", "a thread cannot be linked to itself");
        }
    }

    @Nested
    @DisplayName("CloseThread")
    class CloseThreadCommand {

        @Test
        void closes_a_thread_whose_meeting_was_held() {
            fixture.given(held())
                    .when(closing())
                    .expectEvents(JOBCAMP_CLOSED)
                    .expectResultMessagePayload(4L);
        }

        @Test
        void closes_a_declined_thread() {
            fixture.given(declined())
                    .when(closing())
                    .expectEvents(JOBCAMP_CLOSED)
                    .expectResultMessagePayload(3L);
        }

        @Test
        void ignores_closing_a_closed_thread() {
            fixture.given(closed())
                    .when(closing())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(4L);
        }

        @Test
        void keeps_a_cancelled_thread_cancelled() {
            expectViolation(fixture.given(cancelled()).when(closing()), null, "a cancelled thread stays cancelled");
        }

        @Test
        void rejects_closing_while_a_meeting_is_scheduled() {
            expectViolation(fixture.given(scheduled()).when(closing()), null,
                    "the meeting is scheduled: record it held or cancel it before closing the thread");
        }
    }

    @Nested
    @DisplayName("CorrectRecord")
    class CorrectRecordCommand {

        @Test
        void corrects_the_registered_data_of_the_opening_letter() {
            fixture.given(dateProposed())
                    .when(correctJobcampLetter())
                    .expectEvents(JOBCAMP_LETTER_CORRECTED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void corrects_a_later_letter_of_the_thread() {
            Letter replyToTheSecretariat = new Letter(BEU_REPLY.letterDate(), BEU_REPLY.references(),
                    BEU_REPLY.subject(), BEU_REPLY.senders(), BEU_REPLY.signatories(),
                    List.of(new Recipient(KL_SECRETARIAT, null, null)), BEU_REPLY.attachments(),
                    BEU_REPLY.textSha256());
            fixture.given(JOBCAMP_INVITED, BEU_REPLIED)
                    .when(new CorrectRecord(THREAD, null, BEU_REPLY_ID, replyToTheSecretariat,
                            "Brevet er stilet til KL's sekretariat", LocalDate.of(2019, 9, 30), List.of()))
                    .expectEvents(new RecordCorrected(THREAD, BEU_REPLY_ID, replyToTheSecretariat,
                            "Brevet er stilet til KL's sekretariat", LocalDate.of(2019, 9, 30)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void ignores_a_correction_identical_to_the_registered_letter() {
            fixture.given(dateProposed())
                    .when(new CorrectRecord(THREAD, null, JOBCAMP_LETTER_ID, JOBCAMP_LETTER, CORRECTION_REASON,
                            LocalDate.of(2019, 9, 16), List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void compares_with_the_letter_as_last_corrected() {
            fixture.given(JOBCAMP_INVITED, JOBCAMP_LETTER_CORRECTED)
                    .when(correctJobcampLetter())
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejects_a_letter_not_registered_in_the_thread() {
            expectViolation(fixture.given(dateProposed())
                            .when(new CorrectRecord(THREAD, null, BEU_REPLY_ID, BEU_REPLY, CORRECTION_REASON,
                                    LocalDate.of(2019, 9, 30), List.of())),
                    "letterId", "letter beu-2019-09-20 is not registered in this thread");
        }
    }

    @Nested
    class ClosedOrCancelledThread {

        static Stream<Arguments> commandsNeedingAnOpenThread() {
            List<Named<Object>> commands = List.of(
                    Named.of("ProposeDate", beuCounterProposal()),
                    Named.of("WithdrawProposal", klWithdrawal(KL)),
                    Named.of("AcceptMeeting", beuAcceptance(1)),
                    Named.of("DeclineInvitation", beuDeclining()),
                    Named.of("RescheduleMeeting", moveTo(NOV_7_MORNING)),
                    Named.of("CancelMeeting", klCancelling()),
                    Named.of("RecordMeetingHeld",
                            new RecordMeetingHeld(THREAD, null, null, HELD_NOTE, LocalDate.of(2019, 11, 7))),
                    Named.of("RegisterParticipation",
                            register(BEU, ParticipationAnswer.REGISTERED, LocalDate.of(2019, 11, 1))),
                    Named.of("SetDeadline", new SetDeadline(THREAD, null,
                            new Deadline(LocalDate.of(2019, 12, 1), DeadlineKind.RESPONSE, null),
                            LocalDate.of(2019, 11, 25))),
                    Named.of("LinkThread", link(LinkType.RELATED_TO)));
            return endedThreads().flatMap(ended -> commands.stream()
                    .map(command -> arguments(command, ended.get()[0], ended.get()[1])));
        }

        @ParameterizedTest(name = "{0} on a {1} thread")
        @MethodSource("commandsNeedingAnOpenThread")
        void rejects_everything_but_a_letter_or_a_correction(Object command, String stage, List<Object> history) {
            expectViolation(fixture.given(history).when(command), null,
                    "the thread is " + stage + "; only letters and corrections can be recorded");
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource(ENDED)
        void still_records_a_letter(String stage, List<Object> history) {
            fixture.given(history)
                    .when(beuReply())
                    .expectEvents(BEU_REPLIED)
                    .expectResultMessagePayload(history.size() + 1L);
        }

        @ParameterizedTest(name = "on a {0} thread")
        @MethodSource(ENDED)
        void still_records_a_correction(String stage, List<Object> history) {
            fixture.given(history)
                    .when(correctJobcampLetter())
                    .expectEvents(JOBCAMP_LETTER_CORRECTED)
                    .expectResultMessagePayload(history.size() + 1L);
        }
    }

    @Nested
    class ExpectedVersion {

        /** Every command on an existing thread, each valid on a scheduled job-CAMP19 thread (version 2). */
        static Stream<Named<Record>> everyCommandOnAnExistingThread() {
            return Stream.of(
                    Named.of("ProposeDate", beuCounterProposal()),
                    Named.of("WithdrawProposal", klWithdrawal(KL)),
                    Named.of("AcceptMeeting", beuAcceptance(1)),
                    Named.of("DeclineInvitation", beuDeclining()),
                    Named.of("RescheduleMeeting", moveTo(NOV_7_MORNING)),
                    Named.of("CancelMeeting", klCancelling()),
                    Named.of("RecordMeetingHeld",
                            new RecordMeetingHeld(THREAD, null, null, HELD_NOTE, LocalDate.of(2019, 11, 7))),
                    Named.of("RecordLetter", beuReply()),
                    Named.of("RegisterParticipation",
                            register(BEU, ParticipationAnswer.REGISTERED, LocalDate.of(2019, 11, 1))),
                    Named.of("SetDeadline", new SetDeadline(THREAD, null,
                            new Deadline(LocalDate.of(2019, 10, 4), DeadlineKind.RESPONSE, null),
                            LocalDate.of(2019, 9, 13))),
                    Named.of("LinkThread", link(LinkType.RELATED_TO)),
                    Named.of("CloseThread", closing()),
                    Named.of("CorrectRecord", correctJobcampLetter()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyCommandOnAnExistingThread")
        void rejects_a_command_decided_on_an_older_version(Record command) {
            fixture.given(scheduled())
                    .when(expecting(1L, command))
                    .expectException(StaleVersion.class)
                    .expectException(staleVersion(1, 2))
                    .expectExceptionMessage("the thread is at version 2, not 1")
                    .expectNoEvents();
        }

        @Test
        void rejects_a_version_the_thread_has_not_reached() {
            fixture.given(scheduled())
                    .when(expecting(3L, moveTo(NOV_7_MORNING)))
                    .expectException(staleVersion(3, 2))
                    .expectExceptionMessage("the thread is at version 2, not 3")
                    .expectNoEvents();
        }

        @Test
        void checks_the_version_before_the_rules() {
            fixture.given(cancelled())
                    .when(expecting(1L, closing()))
                    .expectException(staleVersion(1, 2))
                    .expectNoEvents();
        }

        @Test
        void accepts_a_command_decided_on_the_current_version() {
            fixture.given(dateProposed())
                    .when(expecting(1L, beuCounterProposal()))
                    .expectEvents(BEU_COUNTERED)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void accepts_a_no_op_decided_on_the_current_version() {
            fixture.given(closed())
                    .when(expecting(4L, closing()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(4L);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Assertions

    /** The command broke a rule about {@code field} ({@code null}: the thread as a whole); nothing was recorded. */
    static void expectViolation(ResultValidator<?> result, String field, String message) {
        expectViolation(result, field, equalTo(message));
    }

    static void expectViolation(ResultValidator<?> result, String field, Matcher<String> message) {
        result.expectException(ThreadRuleViolation.class)
                .expectException(violationOf(field))
                .expectExceptionMessage(message)
                .expectNoEvents();
    }

    static Matcher<ThreadRuleViolation> violationOf(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ThreadRuleViolation violation) {
                return Objects.equals(violation.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation about ")
                        .appendText(field == null ? "the thread as a whole" : "field " + field);
            }

            @Override
            protected void describeMismatchSafely(ThreadRuleViolation violation, Description mismatch) {
                mismatch.appendText("it was about field ").appendValue(violation.field());
            }
        };
    }

    static Matcher<StaleVersion> staleVersion(long expected, long actual) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(StaleVersion stale) {
                return stale.expected() == expected && stale.actual() == actual;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a stale version " + expected + " of a thread at version " + actual);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Histories (given events) of the job-CAMP19 thread in each stage

    static List<Object> dateProposed() {
        return List.of(JOBCAMP_INVITED);
    }

    static List<Object> scheduled() {
        return List.of(JOBCAMP_INVITED, BEU_ACCEPTED);
    }

    static List<Object> held() {
        return history(scheduled(), JOBCAMP_HELD);
    }

    static List<Object> declined() {
        return List.of(JOBCAMP_INVITED, BEU_DECLINED);
    }

    static List<Object> closed() {
        return history(held(), JOBCAMP_CLOSED);
    }

    static List<Object> cancelled() {
        return List.of(JOBCAMP_INVITED, KL_CANCELLED);
    }

    /** The four cities' visit, accepted for 24 September, with BEU's letter asking to move it. */
    static List<Object> fourCitiesScheduled() {
        return List.of(FOUR_CITIES_INVITED, BEU_ACCEPTED_SEP_24, BEU_ASKED_TO_MOVE);
    }

    static List<Object> history(List<Object> before, Object... then) {
        List<Object> events = new ArrayList<>(before);
        events.addAll(List.of(then));
        return events;
    }

    /** Fixture data from the domain's sample letters; instants are Copenhagen wall-clock times. */
    static final class Fixtures {

        static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

        static final ThreadId THREAD = new ThreadId("5b0e2f9a-6c1d-4f3e-9a27-1c8d2b7e4a10");
        static final ThreadId EARLIER_VISIT = new ThreadId("0c6a9d3e-2f41-4b7a-8e15-93d2a4f6b801");

        // Parties. A unit acts for its body: KL_SECRETARIAT is the same party as KL.
        static final Party KL = new Party(PartyKind.KL, "Kommunernes Landsforening",
                "Arbejdsmarkeds- og Borgerserviceudvalget");
        static final Party KL_SECRETARIAT = new Party(PartyKind.KL, "Kommunernes Landsforening", "Sekretariatet");
        static final Party KL_BOARD = new Party(PartyKind.KL, "Kommunernes Landsforening", "Formandskabet");
        static final Party BEU = new Party(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg", null);
        static final Party BEU_SECRETARIAT = new Party(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg",
                "Udvalgssekretariatet");
        static final Party MINISTRY = new Party(PartyKind.MINISTRY, "Beskæftigelsesministeriet",
                "Ministersekretariatet");
        static final Party KOBENHAVN = new Party(PartyKind.MUNICIPALITY, "Københavns Kommune",
                "Beskæftigelses- og Integrationsforvaltningen");
        static final Party AARHUS = new Party(PartyKind.MUNICIPALITY, "Aarhus Kommune",
                "Sociale Forhold og Beskæftigelse");
        static final Party ODENSE = new Party(PartyKind.MUNICIPALITY, "Odense Kommune",
                "Beskæftigelses- og Socialforvaltningen");
        static final Party AALBORG = new Party(PartyKind.MUNICIPALITY, "Aalborg Kommune",
                "Familie- og Beskæftigelsesforvaltningen");
        static final Party KALUNDBORG = new Party(PartyKind.MUNICIPALITY, "Kalundborg Kommune", null);
        static final Party SYDDJURS = new Party(PartyKind.MUNICIPALITY, "Syddjurs Kommune", null);
        static final Party JOBCENTER_SYDDJURS = new Party(PartyKind.MUNICIPALITY, "Syddjurs Kommune",
                "Jobcenter Syddjurs");

        // Places
        static final Location AALBORG_KONGRESCENTER = new Location("Aalborg Kongrescenter",
                "Europa Plads 4, 9000 Aalborg");
        static final Location JOBCENTER_KOBENHAVN = new Location("Jobcenter København – Gammel Køge Landevej",
                null);
        static final Location MINISTRY_BUILDING = new Location("Beskæftigelsesministeriet",
                "Ved Stranden 8, 1061 København K");

        // Slots, at the precision the letters give them
        static final ProposedSlot NOV_6_LATE = slot(at(2019, 11, 6, 15, 0), at(2019, 11, 6, 18, 0),
                SlotPrecision.PART_OF_DAY, "den 6. november sidst på dagen");
        static final ProposedSlot NOV_7 = slot(at(2019, 11, 7, 0, 0), at(2019, 11, 8, 0, 0),
                SlotPrecision.DAY, "i løbet af den 7. november");
        static final ProposedSlot NOV_7_MORNING = slot(at(2019, 11, 7, 8, 30), at(2019, 11, 7, 10, 0),
                SlotPrecision.EXACT, "torsdag den 7. november kl. 8.30-10.00");
        static final ProposedSlot SEP_24 = slot(at(2020, 9, 24, 13, 0), at(2020, 9, 24, 16, 0),
                SlotPrecision.EXACT, "torsdag d. 24. september kl. 13.00-16.00");
        static final ProposedSlot OCT_8 = slot(at(2020, 10, 8, 13, 0), at(2020, 10, 8, 16, 0),
                SlotPrecision.EXACT, "torsdag d. 8. oktober kl. 13.00-16.00");
        static final ProposedSlot OCTOBER_2020 = slot(at(2020, 10, 1, 0, 0), at(2020, 11, 1, 0, 0),
                SlotPrecision.PERIOD, "besøget i oktober 2020");
        static final ProposedSlot MAR_3 = slot(at(2021, 3, 3, 10, 0), at(2021, 3, 3, 11, 0),
                SlotPrecision.EXACT, "onsdag den 3. marts kl. 10.00-11.00");
        static final ProposedSlot MAR_5 = slot(at(2021, 3, 5, 14, 0), at(2021, 3, 5, 15, 0),
                SlotPrecision.EXACT, "fredag den 5. marts kl. 14.00-15.00");

        // Proposals
        static final ProposalId KL_PROPOSAL = new ProposalId("kl-jobcamp19");
        static final ProposalId BEU_COUNTER = new ProposalId("beu-2019-09-20");
        static final ProposalId CITIES_PROPOSAL = new ProposalId("byerne-2020-06-24");
        static final ProposalId MINISTRY_PROPOSAL = new ProposalId("bm-2021-02-15");

        // Letters
        static final String JOBCAMP_TEXT = """
                Til Folketingets Beskæftigelsesudvalg
                Invitation til møde med KL's Arbejdsmarkeds- og Borgerserviceudvalg
                ... i forbindelse med konferencen "job-CAMP19", som KL afholder den 7.-8. november 2019 i \
                Aalborg Kongrescenter. Det foreslåede møde vil enten kunne afholdes den 6. november sidst på \
                dagen eller i løbet af den 7. november.
                Dato: 6. september 2019""";
        static final LetterId JOBCAMP_LETTER_ID = new LetterId("kl-2019-09-06");
        static final Letter JOBCAMP_LETTER = new Letter(LocalDate.of(2019, 9, 6),
                List.of(new Reference("Sags ID", ""), new Reference("Dok. ID", "")),
                "Invitation til møde med KL's Arbejdsmarkeds- og Borgerserviceudvalg",
                List.of(KL), List.of(new Person("Thomas Kastrup-Larsen", null, KL, null)),
                List.of(new Recipient(BEU, null, null)), List.of(), sha256(JOBCAMP_TEXT));
        /** The signatory's title was left out when the letter was first registered. */
        static final Letter JOBCAMP_LETTER_WITH_TITLE = new Letter(JOBCAMP_LETTER.letterDate(),
                JOBCAMP_LETTER.references(), JOBCAMP_LETTER.subject(), JOBCAMP_LETTER.senders(),
                List.of(new Person("Thomas Kastrup-Larsen", "udvalgsformand", KL, null)),
                JOBCAMP_LETTER.recipients(), JOBCAMP_LETTER.attachments(), JOBCAMP_LETTER.textSha256());
        static final String CORRECTION_REASON = "Underskriverens titel manglede";

        static final String BEU_REPLY_TEXT = """
                Svar på invitation til dialogmøde i forbindelse med job-CAMP19
                Beskæftigelsesudvalget takker for invitationen og foreslår torsdag den 7. november \
                kl. 8.30-10.00 i Aalborg Kongrescenter.""";
        static final LetterId BEU_REPLY_ID = new LetterId("beu-2019-09-20");
        static final Letter BEU_REPLY = new Letter(LocalDate.of(2019, 9, 20), List.of(),
                "Svar på invitation til dialogmøde i forbindelse med job-CAMP19", List.of(BEU), List.of(),
                List.of(new Recipient(KL, null, null)), List.of(), sha256(BEU_REPLY_TEXT));

        static final String FOUR_CITIES_TEXT = """
                Invitation til Folketingets Beskæftigelsesudvalg
                24. juni 2020 Sagsnummer 2020-0103176 Dokumentnummer 2020-0103176-2
                ... et besøg i Jobcenter København på Gammel Køge Landevej.
                Vi håber, at det kan passe jer torsdag d. 24. september kl. 13.00-16.00""";
        static final LetterId FOUR_CITIES_LETTER_ID = new LetterId("kk-2020-0103176-2");
        static final Letter FOUR_CITIES_LETTER = new Letter(LocalDate.of(2020, 6, 24),
                List.of(new Reference("Sagsnummer", "2020-0103176"),
                        new Reference("Dokumentnummer", "2020-0103176-2")),
                "Invitation til Folketingets Beskæftigelsesudvalg",
                List.of(KOBENHAVN, AARHUS, ODENSE, AALBORG),
                List.of(new Person("Cecilia Lonning-Skovgaard", "beskæftigelses- og integrationsborgmester",
                                KOBENHAVN, null),
                        new Person("Kristian Würtz", "rådmand", AARHUS, null),
                        new Person("Brian Dybro", "rådmand", ODENSE, null),
                        new Person("Mai-Britt Iversen", "rådmand", AALBORG, null)),
                List.of(new Recipient(BEU, null, "medlemmer af Folketingets Beskæftigelsesudvalg")),
                List.of(), sha256(FOUR_CITIES_TEXT));

        static final LetterId BEU_MOVE_LETTER_ID = new LetterId("beu-2020-09-01");
        static final Letter BEU_MOVE_LETTER = new Letter(LocalDate.of(2020, 9, 1), List.of(),
                "Besøget i Jobcenter København", List.of(BEU), List.of(),
                List.of(new Recipient(KOBENHAVN, null, null)), List.of(),
                sha256("Udvalget beder om at flytte besøget til torsdag d. 8. oktober kl. 13.00-16.00."));
        static final String MOVE_REASON = "Udvalgsmøde på Christiansborg den 24. september";

        static final String PARTNERSHIP_TEXT = """
                Borgmesteren / Formanden for beskæftigelsesudvalget / Kommunaldirektøren
                Indbydelse til politisk partnerskab om beskæftigelse
                Den 19. marts 2013 Sags ID: 1667986 Dok.ID: 1667986
                Tilmeldingsfristen er den 19. april.""";
        static final LetterId PARTNERSHIP_LETTER_ID = new LetterId("kl-2013-1667986");
        static final Letter PARTNERSHIP_LETTER = new Letter(LocalDate.of(2013, 3, 19),
                List.of(new Reference("Sags ID", "1667986"), new Reference("Dok.ID", "1667986")),
                "Indbydelse til politisk partnerskab om beskæftigelse", List.of(KL_SECRETARIAT),
                List.of(new Person("Erik Nielsen", null, KL, null), new Person("Kristian Wendelboe", null, KL, null)),
                List.of(new Recipient(null, null, "Borgmesteren"),
                        new Recipient(null, null, "Formanden for beskæftigelsesudvalget"),
                        new Recipient(null, null, "Kommunaldirektøren"),
                        new Recipient(null, null, "Direktøren for beskæftigelsesområdet"),
                        new Recipient(null, null, "Økonomidirektøren")),
                List.of(new Attachment("projektbeskrivelse.pdf",
                        sha256("Politisk partnerskab om styring af beskæftigelsesindsatsen: projektbeskrivelse"))),
                sha256(PARTNERSHIP_TEXT));
        static final Deadline REGISTRATION_DEADLINE = new Deadline(LocalDate.of(2013, 4, 19),
                DeadlineKind.REGISTRATION, "Tilmeldingsfristen er den 19. april.");
        static final Deadline EXTENDED_DEADLINE = new Deadline(LocalDate.of(2013, 4, 26),
                DeadlineKind.REGISTRATION, "Tilmeldingsfristen er forlænget til den 26. april.");

        static final String SUMMONS_TEXT = """
                Indkaldelse til møde om den fremtidige beskæftigelsesindsats
                J.nr. 2021-0417. Jf. BEU alm. del – spørgsmål 101.
                Ministersekretariatet vil kontakte jer med forslag til tidspunkter.""";
        static final LetterId SUMMONS_LETTER_ID = new LetterId("bm-2021-0417");
        static final Letter SUMMONS_LETTER = new Letter(LocalDate.of(2021, 2, 1),
                List.of(new Reference("J.nr.", "2021-0417")),
                "Indkaldelse til møde om den fremtidige beskæftigelsesindsats", List.of(MINISTRY), List.of(),
                List.of(new Recipient(KL_BOARD, null, null)), List.of(), sha256(SUMMONS_TEXT));

        // Events: the job-CAMP19 thread (KL invites BEU, 2019)
        static final InvitationReceived JOBCAMP_INVITED = new InvitationReceived(THREAD, JOBCAMP_LETTER_ID,
                ThreadKind.INVITATION, JOBCAMP_LETTER, List.of(KL), List.of(BEU), KL_PROPOSAL,
                List.of(NOV_6_LATE, NOV_7), AALBORG_KONGRESCENTER, null, LocalDate.of(2019, 9, 6));
        static final DateProposed BEU_COUNTERED = new DateProposed(THREAD, BEU_COUNTER, BEU,
                List.of(NOV_7_MORNING), null, KL_PROPOSAL, LocalDate.of(2019, 9, 20));
        /** BEU's proposal made after KL withdrew its own, so countering nothing. */
        static final DateProposed BEU_COUNTERED_FRESH = new DateProposed(THREAD, BEU_COUNTER, BEU,
                List.of(NOV_7_MORNING), null, null, LocalDate.of(2019, 9, 25));
        static final String WITHDRAWAL_REASON = "Mødet holdes i stedet under selve konferencen";
        static final ProposalWithdrawn KL_WITHDREW = new ProposalWithdrawn(THREAD, KL_PROPOSAL, KL,
                WITHDRAWAL_REASON, LocalDate.of(2019, 9, 23));
        static final MeetingAccepted BEU_ACCEPTED = new MeetingAccepted(THREAD, KL_PROPOSAL, NOV_7, BEU,
                AALBORG_KONGRESCENTER, LocalDate.of(2019, 9, 27));
        static final InvitationDeclined BEU_DECLINED = new InvitationDeclined(THREAD, BEU,
                "Udvalget har ikke mulighed for at deltage", LocalDate.of(2019, 9, 27));
        static final String HELD_NOTE = "Dialogmøde holdt i forbindelse med job-CAMP19";
        static final MeetingHeld JOBCAMP_HELD = new MeetingHeld(THREAD, NOV_7, null, HELD_NOTE,
                LocalDate.of(2019, 11, 7));
        static final ThreadClosed JOBCAMP_CLOSED = new ThreadClosed(THREAD, "Intet videre forventes",
                LocalDate.of(2019, 11, 20));
        static final MeetingCancelled KL_CANCELLED = new MeetingCancelled(THREAD, KL,
                "Udvalget er optaget af finanslovsforhandlingerne", LocalDate.of(2019, 10, 15));
        static final LetterRecorded BEU_REPLIED = new LetterRecorded(THREAD, BEU_REPLY_ID, LetterRole.REPLY,
                BEU_REPLY, LocalDate.of(2019, 9, 20));
        static final RecordCorrected JOBCAMP_LETTER_CORRECTED = new RecordCorrected(THREAD, JOBCAMP_LETTER_ID,
                JOBCAMP_LETTER_WITH_TITLE, CORRECTION_REASON, LocalDate.of(2019, 9, 16));
        static final String LINK_NOTE = "KL's kommunebesøg for udvalget, jf. brevet af 6. september 2019";
        static final ThreadLinked FOLLOWS_UP_EARLIER_VISIT = new ThreadLinked(THREAD, EARLIER_VISIT,
                LinkType.FOLLOW_UP_OF, LINK_NOTE, LocalDate.of(2019, 9, 6));

        // Events: the four cities' visit (2020)
        static final InvitationReceived FOUR_CITIES_INVITED = new InvitationReceived(THREAD,
                FOUR_CITIES_LETTER_ID, ThreadKind.INVITATION, FOUR_CITIES_LETTER,
                List.of(KOBENHAVN, AARHUS, ODENSE, AALBORG), List.of(BEU), CITIES_PROPOSAL, List.of(SEP_24),
                JOBCENTER_KOBENHAVN, null, LocalDate.of(2020, 6, 24));
        static final MeetingAccepted BEU_ACCEPTED_SEP_24 = new MeetingAccepted(THREAD, CITIES_PROPOSAL, SEP_24,
                BEU, JOBCENTER_KOBENHAVN, LocalDate.of(2020, 8, 13));
        static final LetterRecorded BEU_ASKED_TO_MOVE = new LetterRecorded(THREAD, BEU_MOVE_LETTER_ID,
                LetterRole.REPLY, BEU_MOVE_LETTER, LocalDate.of(2020, 9, 1));
        static final MeetingRescheduled MOVED_TO_OCT_8 = new MeetingRescheduled(THREAD, SEP_24, OCT_8, null, BEU,
                MOVE_REASON, RescheduleBasis.STATED_IN_LETTER, BEU_MOVE_LETTER_ID, LocalDate.of(2020, 9, 1));

        // Events: KL's partnership registration call (2013)
        static final InvitationReceived PARTNERSHIP_CALLED = new InvitationReceived(THREAD, PARTNERSHIP_LETTER_ID,
                ThreadKind.REGISTRATION_CALL, PARTNERSHIP_LETTER, List.of(KL_SECRETARIAT),
                List.of(KALUNDBORG, SYDDJURS, ODENSE, AALBORG), null, List.of(), null, REGISTRATION_DEADLINE,
                LocalDate.of(2013, 3, 19));
        static final ParticipationRegistered KALUNDBORG_REGISTERED = new ParticipationRegistered(THREAD,
                KALUNDBORG, ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10));
        static final DeadlineSet DEADLINE_EXTENDED = new DeadlineSet(THREAD, EXTENDED_DEADLINE,
                LocalDate.of(2013, 4, 15));

        // Events: the minister's summons (2021)
        static final InvitationReceived SUMMONS_RECEIVED = new InvitationReceived(THREAD, SUMMONS_LETTER_ID,
                ThreadKind.SUMMONS, SUMMONS_LETTER, List.of(MINISTRY), List.of(KL_BOARD), null, List.of(), null,
                null, LocalDate.of(2021, 2, 1));

        private Fixtures() {
        }

        static Instant at(int year, int month, int day, int hour, int minute) {
            return LocalDateTime.of(year, month, day, hour, minute).atZone(COPENHAGEN).toInstant();
        }

        static ProposedSlot slot(Instant start, Instant end, SlotPrecision precision, String wording) {
            return new ProposedSlot(start, end, precision, wording);
        }

        static String sha256(String text) {
            return Document.text(text).sha256();
        }

        static List<Document> documents(String text) {
            return List.of(Document.text(text));
        }

        static Letter withText(Letter letter, String textSha256) {
            return new Letter(letter.letterDate(), letter.references(), letter.subject(), letter.senders(),
                    letter.signatories(), letter.recipients(), letter.attachments(), textSha256);
        }

        // Commands

        static InvitationDraft jobcampInvitation() {
            return new InvitationDraft(JOBCAMP_LETTER_ID, ThreadKind.INVITATION, JOBCAMP_LETTER, JOBCAMP_TEXT)
                    .inviting(KL).invited(BEU).proposalId(KL_PROPOSAL).slots(List.of(NOV_6_LATE, NOV_7))
                    .location(AALBORG_KONGRESCENTER);
        }

        static InvitationDraft fourCitiesInvitation() {
            return new InvitationDraft(FOUR_CITIES_LETTER_ID, ThreadKind.INVITATION, FOUR_CITIES_LETTER,
                    FOUR_CITIES_TEXT)
                    .inviting(KOBENHAVN, AARHUS, ODENSE, AALBORG).invited(BEU).proposalId(CITIES_PROPOSAL)
                    .slots(List.of(SEP_24)).location(JOBCENTER_KOBENHAVN);
        }

        static InvitationDraft partnershipCall() {
            return new InvitationDraft(PARTNERSHIP_LETTER_ID, ThreadKind.REGISTRATION_CALL, PARTNERSHIP_LETTER,
                    PARTNERSHIP_TEXT)
                    .inviting(KL_SECRETARIAT).invited(KALUNDBORG, SYDDJURS, ODENSE, AALBORG)
                    .deadline(REGISTRATION_DEADLINE);
        }

        static InvitationDraft ministerSummons() {
            return new InvitationDraft(SUMMONS_LETTER_ID, ThreadKind.SUMMONS, SUMMONS_LETTER, SUMMONS_TEXT)
                    .inviting(MINISTRY).invited(KL_BOARD);
        }

        static ProposeDate beuCounterProposal() {
            return new ProposeDate(THREAD, null, BEU_COUNTER, BEU, List.of(NOV_7_MORNING), null, KL_PROPOSAL,
                    LocalDate.of(2019, 9, 20));
        }

        static WithdrawProposal klWithdrawal(Party withdrawnBy) {
            return new WithdrawProposal(THREAD, null, KL_PROPOSAL, withdrawnBy, WITHDRAWAL_REASON,
                    LocalDate.of(2019, 9, 23));
        }

        static AcceptMeeting beuAcceptance(int slotIndex) {
            return new AcceptMeeting(THREAD, null, KL_PROPOSAL, slotIndex, BEU, null, LocalDate.of(2019, 9, 27));
        }

        static DeclineInvitation beuDeclining() {
            return new DeclineInvitation(THREAD, null, BEU, "Udvalget har ikke mulighed for at deltage",
                    LocalDate.of(2019, 9, 27));
        }

        static RescheduleMeeting moveTo(ProposedSlot newSlot) {
            return new RescheduleMeeting(THREAD, null, newSlot, null, BEU, null,
                    RescheduleBasis.INFERRED_FROM_LATER_LETTER, null, LocalDate.of(2020, 9, 10));
        }

        static CancelMeeting klCancelling() {
            return new CancelMeeting(THREAD, null, KL, "Udvalget er optaget af finanslovsforhandlingerne",
                    LocalDate.of(2019, 10, 15));
        }

        static RecordLetter beuReply() {
            return new RecordLetter(THREAD, null, BEU_REPLY_ID, LetterRole.REPLY, BEU_REPLY,
                    documents(BEU_REPLY_TEXT));
        }

        static RegisterParticipation register(Party party, ParticipationAnswer answer, LocalDate answeredOn) {
            return new RegisterParticipation(THREAD, null, party, answer, answeredOn);
        }

        static LinkThread link(LinkType type) {
            return new LinkThread(THREAD, null, EARLIER_VISIT, type, LINK_NOTE, LocalDate.of(2019, 9, 6));
        }

        static CloseThread closing() {
            return new CloseThread(THREAD, null, "Intet videre forventes", LocalDate.of(2019, 11, 20));
        }

        static CorrectRecord correctJobcampLetter() {
            return new CorrectRecord(THREAD, null, JOBCAMP_LETTER_ID, JOBCAMP_LETTER_WITH_TITLE, CORRECTION_REASON,
                    LocalDate.of(2019, 9, 16), List.of());
        }

        /**
         * The same command decided on thread version {@code version} (HTTP If-Match). Commands are records;
         * this rebuilds one with its {@code expectedVersion} component replaced.
         */
        @SuppressWarnings("unchecked")
        static <C extends Record> C expecting(long version, C command) {
            RecordComponent[] components = command.getClass().getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = components[i].getName().equals("expectedVersion")
                            ? Long.valueOf(version) : components[i].getAccessor().invoke(command);
                }
                return (C) command.getClass().getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set the expected version of " + command, e);
            }
        }
    }

    /** A {@link ReceiveInvitation} to vary one field at a time. */
    static final class InvitationDraft {

        private final LetterId letterId;
        private final String text;
        private ThreadKind kind;
        private Letter letter;
        private List<Party> inviting = List.of();
        private List<Party> invited = List.of();
        private ProposalId proposalId;
        private List<ProposedSlot> slots = List.of();
        private Location location;
        private Deadline deadline;

        InvitationDraft(LetterId letterId, ThreadKind kind, Letter letter, String text) {
            this.letterId = letterId;
            this.kind = kind;
            this.letter = letter;
            this.text = text;
        }

        InvitationDraft kind(ThreadKind kind) {
            this.kind = kind;
            return this;
        }

        InvitationDraft letter(Letter letter) {
            this.letter = letter;
            return this;
        }

        InvitationDraft inviting(Party... parties) {
            this.inviting = List.of(parties);
            return this;
        }

        InvitationDraft invited(Party... parties) {
            this.invited = List.of(parties);
            return this;
        }

        InvitationDraft proposalId(ProposalId proposalId) {
            this.proposalId = proposalId;
            return this;
        }

        InvitationDraft slots(List<ProposedSlot> slots) {
            this.slots = slots;
            return this;
        }

        InvitationDraft location(Location location) {
            this.location = location;
            return this;
        }

        InvitationDraft deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        ReceiveInvitation command() {
            return new ReceiveInvitation(THREAD, letterId, kind, letter, inviting, invited, proposalId, slots,
                    location, deadline, documents(text));
        }
    }
}
