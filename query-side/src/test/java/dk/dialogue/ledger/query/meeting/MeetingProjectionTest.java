package dk.dialogue.ledger.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.PassThroughSavepoints;
import dk.dialogue.ledger.query.support.Courses;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class MeetingProjectionTest {

    private static final ThreadId VISIT = new ThreadId("visit");

    private final InMemoryMeetings repository = new InMemoryMeetings();
    private final List<ReadModelChange> announced = new ArrayList<>();
    private final MeetingProjection projection = new MeetingProjection(repository, new ReadModelChanges(null) {
        @Override
        public void announce(Collection<ReadModelChange> changes) {
            announced.addAll(changes);
        }
    }, PassThroughSavepoints.create());
    private final List<ThreadEvent> visit = Courses.visit(VISIT.value(), null);

    @Test
    void an_accepted_meeting_takes_subject_parties_and_place_from_the_invitation() {
        deliver(visit.subList(0, 2));

        Meeting meeting = meeting();
        assertThat(meeting.status()).isEqualTo(Meeting.Status.SCHEDULED);
        assertThat(meeting.subject()).isEqualTo("Invitation til besøg i København");
        assertThat(meeting.slot().start()).isEqualTo(Instant.parse("2020-09-24T11:00:00Z"));
        assertThat(meeting.location().name()).isEqualTo("Jobcenter København – Gammel Køge Landevej");
        assertThat(meeting.inviting()).containsExactly(Courses.KOBENHAVN, Courses.AARHUS, Courses.ODENSE,
                Courses.AALBORG);
        assertThat(meeting.invited()).containsExactly(Courses.BEU);
        assertThat(meeting.version()).isEqualTo(2);
        assertThat(announced).containsExactly(new ReadModelChange("meetings", "visit", 2));
    }

    @Test
    void a_reschedule_moves_the_slot_and_raises_the_sequence() {
        deliver(visit.subList(0, 4));

        Meeting meeting = meeting();
        assertThat(meeting.slot().start()).isEqualTo(Instant.parse("2020-10-08T11:00:00Z"));
        assertThat(meeting.slot().wording()).isEqualTo("torsdag den 8. oktober kl. 13-16");
        assertThat(meeting.reschedules()).isEqualTo(1);
        assertThat(meeting.version()).isEqualTo(4);
        assertThat(ICalendarWriter.calendar("Møder", List.of(meeting)))
                .contains("SEQUENCE:1\r\n", "DTSTART:20201008T110000Z\r\n");
    }

    @Test
    void a_held_meeting_records_the_day_it_was_held() {
        deliver(visit);

        assertThat(meeting().status()).isEqualTo(Meeting.Status.HELD);
        assertThat(meeting().heldOn()).isEqualTo(LocalDate.of(2020, 10, 8));
        assertThat(meeting().version()).isEqualTo(5);
    }

    @Test
    void redelivered_events_change_nothing() {
        deliver(visit);
        Meeting before = meeting();
        announced.clear();

        for (int sequence = 0; sequence < visit.size(); sequence++) {
            projection.project(visit.get(sequence), message(visit.get(sequence), sequence));
        }

        assertThat(meeting()).isEqualTo(before);
        assertThat(meeting().reschedules()).isEqualTo(1);
        assertThat(repository.threads.get("visit").version()).isEqualTo(5);
        assertThat(announced).isEmpty();
    }

    @Test
    void an_event_after_a_gap_is_refused() {
        deliver(visit.subList(0, 1));

        assertThatThrownBy(() -> projection.project(visit.get(2), message(visit.get(2), 2)))
                .hasMessageContaining("an earlier event is missing");
    }

    @Test
    void a_cancelled_meeting_stays_as_cancelled() {
        deliver(visit.subList(0, 2));

        deliver(List.of(new MeetingCancelled(VISIT, Courses.KOBENHAVN, "udvalget kan ikke", LocalDate.of(2020, 8, 1))),
                2);

        assertThat(meeting().status()).isEqualTo(Meeting.Status.CANCELLED);
        assertThat(meeting().slot().start()).isEqualTo(Instant.parse("2020-09-24T11:00:00Z"));
        assertThat(meeting().version()).isEqualTo(3);
    }

    @Test
    void a_scheduled_meeting_whose_invitation_is_declined_is_cancelled() {
        deliver(visit.subList(0, 2));

        deliver(List.of(new InvitationDeclined(VISIT, Courses.BEU, "ingen tid", LocalDate.of(2020, 8, 1))), 2);

        assertThat(meeting().status()).isEqualTo(Meeting.Status.CANCELLED);
    }

    @Test
    void closing_the_thread_leaves_its_meeting_alone() {
        deliver(visit.subList(0, 2));
        announced.clear();

        deliver(List.of(new ThreadClosed(VISIT, "aftalt", LocalDate.of(2020, 7, 2))), 2);

        assertThat(meeting().status()).isEqualTo(Meeting.Status.SCHEDULED);
        assertThat(meeting().version()).isEqualTo(2);
        assertThat(repository.threads.get("visit").version()).isEqualTo(3);
        assertThat(announced).isEmpty();
    }

    @Test
    void a_correction_of_the_opening_letter_renames_the_meeting_and_of_a_later_letter_does_not() {
        deliver(visit.subList(0, 4));
        LetterId opening = ((InvitationReceived) visit.get(0)).letterId();
        LetterId move = ((LetterRecorded) visit.get(2)).letterId();

        deliver(List.of(correction(opening, "Invitation til besøg på jobcentre i København"),
                correction(move, "Besøget flyttes")), 4);

        assertThat(meeting().subject()).isEqualTo("Invitation til besøg på jobcentre i København");
        assertThat(meeting().version()).isEqualTo(5);
    }

    @Test
    void a_thread_that_never_schedules_a_meeting_has_none() {
        deliver(Courses.partnership("call", null));

        assertThat(repository.find("call")).isEmpty();
        assertThat(repository.threads.get("call").version()).isEqualTo(9);
        assertThat(announced).isEmpty();
    }

    private RecordCorrected correction(LetterId letter, String subject) {
        Letter corrected = Courses.letter(LocalDate.of(2020, 6, 24), subject, List.of(Courses.KOBENHAVN), null);
        return new RecordCorrected(VISIT, letter, corrected, "forkert emne", LocalDate.of(2020, 9, 1));
    }

    private void deliver(List<ThreadEvent> events) {
        deliver(events, 0);
    }

    private void deliver(List<ThreadEvent> events, long firstSequence) {
        for (int i = 0; i < events.size(); i++) {
            projection.project(events.get(i), message(events.get(i), firstSequence + i));
        }
    }

    private static GenericDomainEventMessage<ThreadEvent> message(ThreadEvent event, long sequence) {
        return new GenericDomainEventMessage<>("DialogueThread", event.threadId().value(), sequence, event,
                MetaData.with(EventMetadata.RECORDED_AT, Instant.parse("2020-10-09T08:00:00Z").plusSeconds(sequence)
                        .toString()));
    }

    private Meeting meeting() {
        return repository.find("visit").orElseThrow();
    }

    /** The projection's rules without a database. */
    private static final class InMemoryMeetings extends MeetingRepository {

        final Map<String, MeetingThread> threads = new HashMap<>();
        final Map<String, Meeting> meetings = new HashMap<>();

        InMemoryMeetings() {
            super(null, MeetingTables.LIVE);
        }

        @Override
        Optional<MeetingThread> findThread(String threadId) {
            return Optional.ofNullable(threads.get(threadId));
        }

        @Override
        void saveThreads(Collection<MeetingThread> saved) {
            saved.forEach(thread -> threads.put(thread.threadId(), thread));
        }

        @Override
        Optional<Meeting> find(String threadId) {
            return Optional.ofNullable(meetings.get(threadId));
        }

        @Override
        void saveAll(Collection<Meeting> saved) {
            saved.forEach(meeting -> meetings.put(meeting.threadId(), meeting));
        }
    }
}
