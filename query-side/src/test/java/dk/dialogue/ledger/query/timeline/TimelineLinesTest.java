package dk.dialogue.ledger.query.timeline;

import static dk.dialogue.ledger.query.support.Courses.BEU;
import static dk.dialogue.ledger.query.support.Courses.KL;
import static dk.dialogue.ledger.query.support.Courses.KOBENHAVN;
import static dk.dialogue.ledger.query.support.Courses.municipality;
import static dk.dialogue.ledger.query.support.Courses.slot;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.LinkType;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadLinked;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimelineLinesTest {

    private static final ThreadId THREAD = new ThreadId("t-1");
    private static final ProposalId PROPOSAL = new ProposalId("p-1");
    private static final List<ThreadEvent> JOBCAMP = Courses.jobcamp("t-1", null);
    private static final List<ThreadEvent> VISIT = Courses.visit("t-1", null);
    private static final List<ThreadEvent> PARTNERSHIP = Courses.partnership("t-1", null);
    private static final ProposedSlot OCTOBER = slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT,
            "torsdag den 8. oktober kl. 13-16");
    private static final String CITIES = "Københavns Kommune, Aarhus Kommune, Odense Kommune and Aalborg Kommune";

    /** One event of every type, with the exact line and actor it reads as. */
    static Stream<Arguments> lines() {
        return Stream.of(
                line(JOBCAMP.get(0), "KL", "Invitation received from KL: \"Invitation til JobCAMP19\" (letter dated "
                        + "6 September 2019; 2 alternative slots: \"den 6. november sidst på dagen\", "
                        + "\"i løbet af den 7. november\")"),
                line(new DateProposed(THREAD, new ProposalId("p-2"), BEU, List.of(slot(2019, 11, 20, 10, 12,
                                SlotPrecision.EXACT, "onsdag den 20. november kl. 10-12")), null, PROPOSAL,
                                LocalDate.of(2019, 9, 20)),
                        "Folketingets Beskæftigelsesudvalg",
                        "Folketingets Beskæftigelsesudvalg proposed \"onsdag den 20. november kl. 10-12\", "
                                + "replacing an earlier proposal"),
                line(new ProposalWithdrawn(THREAD, PROPOSAL, KL, "Datoen passer alligevel ikke",
                                LocalDate.of(2019, 9, 25)), "KL",
                        "KL withdrew its proposal: \"Datoen passer alligevel ikke\""),
                line(JOBCAMP.get(1), "Folketingets Beskæftigelsesudvalg",
                        "Folketingets Beskæftigelsesudvalg accepted \"den 6. november sidst på dagen\" "
                                + "(Wednesday 6 November 2019, 15:00–18:00)"),
                line(new InvitationDeclined(THREAD, BEU, "Udvalget har ikke mulighed for at deltage",
                                LocalDate.of(2019, 9, 30)), "Folketingets Beskæftigelsesudvalg",
                        "Folketingets Beskæftigelsesudvalg declined the invitation: "
                                + "\"Udvalget har ikke mulighed for at deltage\""),
                line(VISIT.get(3), "Københavns Kommune", "Københavns Kommune moved the meeting from "
                        + "\"torsdag d. 24. september kl. 13.00-16.00\" (Thursday 24 September 2020, 13:00–16:00) to "
                        + "\"torsdag den 8. oktober kl. 13-16\" (Thursday 8 October 2020, 13:00–16:00): "
                        + "\"udvalgets ønske\""),
                line(new MeetingCancelled(THREAD, KOBENHAVN, "Aflyst på grund af covid-19", LocalDate.of(2020, 9, 1)),
                        "Københavns Kommune",
                        "Københavns Kommune cancelled the meeting: \"Aflyst på grund af covid-19\""),
                line(JOBCAMP.get(2), null, "Meeting held on Wednesday 6 November 2019: \"Besøg gennemført\""),
                line(VISIT.get(2), CITIES, "Follow-up letter received from " + CITIES
                        + ": \"Besøget flyttes til 8. oktober\" (letter dated 27 August 2020)"),
                line(PARTNERSHIP.get(8), "Kalundborg Kommune",
                        "Kalundborg Kommune registered after the registration deadline"),
                line(new DeadlineSet(THREAD, new Deadline(LocalDate.of(2013, 4, 26), DeadlineKind.REGISTRATION,
                                "Fristen forlænges til den 26. april"), LocalDate.of(2013, 4, 18)), null,
                        "Registration deadline set to 26 April 2013: \"Fristen forlænges til den 26. april\""),
                line(new ThreadLinked(THREAD, new ThreadId("t-0"), LinkType.FOLLOW_UP_OF, "Besøget i oktober 2020",
                                LocalDate.of(2021, 3, 1)), null,
                        "Linked as the follow-up of thread t-0: \"Besøget i oktober 2020\""),
                line(new ThreadClosed(THREAD, null, LocalDate.of(2019, 11, 30)), null, "Thread closed"),
                line(new RecordCorrected(THREAD, ((InvitationReceived) JOBCAMP.get(0)).letterId(),
                                Courses.letter(LocalDate.of(2019, 9, 9), "Invitation til JobCAMP19", List.of(KL), null),
                                "Brevet er dateret den 9. september", LocalDate.of(2019, 9, 12)), null,
                        "Registration of the letter \"Invitation til JobCAMP19\" (letter dated 9 September 2019) "
                                + "corrected: \"Brevet er dateret den 9. september\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void each_event_reads_as_one_line_naming_what_happened_and_who(String type, ThreadEvent event, String actor,
                                                                   String text) {
        assertThat(TimelineLines.of(event)).isEqualTo(new TimelineLines.Line(text, actor));
    }

    @Test
    void the_lines_above_cover_every_event_type_of_the_contract() {
        Set<String> contract = new ClassFileImporter().importPackages("dk.dialogue.ledger.events").stream()
                .filter(type -> type.isAssignableTo(ThreadEvent.class) && !type.isInterface())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> covered = lines().map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());

        assertThat(contract).hasSize(14);
        assertThat(covered).isEqualTo(contract);
    }

    @Test
    void a_registration_call_without_slots_names_only_its_letter() {
        assertThat(TimelineLines.of(PARTNERSHIP.get(0)).text()).isEqualTo("Registration call received from KL: "
                + "\"Invitation til partnerskab om beskæftigelsesindsatsen\" (letter dated 19 March 2013)");
    }

    @Test
    void a_joint_invitation_names_every_inviting_body_and_its_one_slot() {
        assertThat(TimelineLines.of(VISIT.get(0))).isEqualTo(new TimelineLines.Line("Invitation received from "
                + CITIES + ": \"Invitation til besøg i København\" (letter dated 24 June 2020; "
                + "slot: \"torsdag d. 24. september kl. 13.00-16.00\")", CITIES));
    }

    @Test
    void a_party_is_named_by_its_body_not_its_unit() {
        assertThat(KL.unit()).isNotNull();
        assertThat(TimelineLines.of(new MeetingCancelled(THREAD, KL, "Aflyst", LocalDate.of(2019, 10, 1))).actor())
                .isEqualTo("KL");
    }

    @Test
    void a_whole_day_and_a_period_read_as_dates_and_a_missing_wording_as_the_time() {
        ProposedSlot day = slot(2019, 11, 7, 0, 24, SlotPrecision.DAY, "i løbet af den 7. november");
        ProposedSlot autumn = new ProposedSlot(midnight(LocalDate.of(2022, 9, 1)), midnight(LocalDate.of(2022, 12, 1)),
                SlotPrecision.PERIOD, "i løbet af efteråret 2022");
        ProposedSlot unworded = slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT, null);

        assertThat(accepted(day)).isEqualTo(
                "Folketingets Beskæftigelsesudvalg accepted \"i løbet af den 7. november\" (Thursday 7 November 2019)");
        assertThat(accepted(autumn)).isEqualTo("Folketingets Beskæftigelsesudvalg accepted "
                + "\"i løbet af efteråret 2022\" (1 September 2022 – 30 November 2022)");
        assertThat(accepted(unworded))
                .isEqualTo("Folketingets Beskæftigelsesudvalg accepted Thursday 8 October 2020, 13:00–16:00");
    }

    @Test
    void times_are_copenhagen_local_time_in_winter_too() {
        ProposedSlot winter = slot(2021, 1, 14, 9, 11, SlotPrecision.EXACT, "torsdag den 14. januar kl. 9-11");

        assertThat(winter.start().toString()).isEqualTo("2021-01-14T08:00:00Z");
        assertThat(accepted(winter)).endsWith("(Thursday 14 January 2021, 09:00–11:00)");
    }

    @Test
    void a_meeting_held_elsewhere_on_another_day_says_where_and_what_was_planned() {
        MeetingHeld held = new MeetingHeld(THREAD, OCTOBER, new Location("Jobcenter Aarhus", null), null,
                LocalDate.of(2020, 10, 9));

        assertThat(TimelineLines.of(held).text()).isEqualTo("Meeting held on Friday 9 October 2020 at Jobcenter "
                + "Aarhus, planned for \"torsdag den 8. oktober kl. 13-16\" (Thursday 8 October 2020, 13:00–16:00)");
    }

    @Test
    void a_meeting_held_in_a_thread_whose_plan_is_missing_still_reads_as_a_line() {
        assertThat(TimelineLines.of(new MeetingHeld(THREAD, null, null, null, LocalDate.of(2020, 1, 1))).text())
                .isEqualTo("Meeting held on Wednesday 1 January 2020");
    }

    @Test
    void a_party_that_declines_a_registration_call_declines_to_take_part() {
        assertThat(TimelineLines.of(PARTNERSHIP.get(6)).text()).isEqualTo("Esbjerg Kommune declined to take part");
    }

    @Test
    void several_proposed_slots_are_counted_and_each_quoted() {
        DateProposed twoSlots = new DateProposed(THREAD, PROPOSAL, municipality("Aarhus Kommune"),
                List.of(OCTOBER, slot(2020, 10, 9, 9, 12, SlotPrecision.EXACT, "fredag den 9. oktober om formiddagen")),
                null, null, LocalDate.of(2020, 8, 1));

        assertThat(TimelineLines.of(twoSlots).text()).isEqualTo("Aarhus Kommune proposed 2 alternative slots: "
                + "\"torsdag den 8. oktober kl. 13-16\", \"fredag den 9. oktober om formiddagen\"");
    }

    private static String accepted(ProposedSlot slot) {
        return TimelineLines.of(new MeetingAccepted(THREAD, PROPOSAL, slot, BEU, null, LocalDate.of(2019, 1, 1)))
                .text();
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(WebConfiguration.COPENHAGEN).toInstant();
    }

    private static Arguments line(ThreadEvent event, String actor, String text) {
        return Arguments.of(event.getClass().getSimpleName(), event, actor, text);
    }
}
