package dk.dialogue.ledger.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.PassThroughSavepoints;
import dk.dialogue.ledger.query.processing.Savepoints;
import dk.dialogue.ledger.query.support.Courses;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class TimelineProjectionTest {

    private static final String THREAD = "t-1";
    private static final Instant RECORDED = Instant.parse("2024-03-31T00:30:00Z");

    private final InMemoryTimeline timeline = new InMemoryTimeline();
    private final ReadModelChanges changes = mock(ReadModelChanges.class);
    private final Savepoints savepoints = PassThroughSavepoints.create();
    private final TimelineProjection projection = new TimelineProjection(timeline, changes, savepoints);
    private final List<ThreadEvent> jobcamp = Courses.jobcamp(THREAD, null);

    @Test
    void each_event_adds_its_entry_and_announces_the_version_the_timeline_now_reflects() {
        deliver(0, 1, 2);

        assertThat(timeline.list(THREAD)).extracting(TimelineEntry::sequence, TimelineEntry::eventType)
                .containsExactly(tuple(0L, "InvitationReceived"), tuple(1L, "MeetingAccepted"),
                        tuple(2L, "MeetingHeld"));
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 1)));
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 2)));
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 3)));
    }

    @Test
    void the_reads_of_one_event_run_inside_a_savepoint_so_a_failing_one_can_be_dead_lettered() {
        Savepoints failing = mock(Savepoints.class);
        when(failing.read(any())).thenThrow(new IllegalStateException("relation does not exist"));

        assertThatThrownBy(() -> new TimelineProjection(timeline, changes, failing).on(jobcamp.get(0), message(0)))
                .hasMessage("relation does not exist");

        assertThat(timeline.list(THREAD)).isEmpty();
        verifyNoInteractions(changes);
    }

    @Test
    void an_entry_keeps_both_clocks_and_who_recorded_the_event() {
        deliver(0, 1);

        TimelineEntry accepted = timeline.list(THREAD).get(1);
        assertThat(accepted.line()).startsWith("Folketingets Beskæftigelsesudvalg accepted");
        assertThat(accepted.actor()).isEqualTo("Folketingets Beskæftigelsesudvalg");
        assertThat(accepted.businessDate()).isEqualTo(LocalDate.of(2019, 10, 10));
        assertThat(accepted.recordedAt()).isEqualTo(RECORDED);
        assertThat(accepted.recordedAtLocal()).hasToString("2024-03-31T01:30");
        assertThat(accepted.recordedBy()).isEqualTo("clerk");
    }

    @Test
    void a_redelivered_event_changes_nothing_and_announces_nothing() {
        deliver(0, 1, 2);
        List<TimelineEntry> before = timeline.list(THREAD);

        deliver(1, 2);

        assertThat(timeline.list(THREAD)).isEqualTo(before);
        assertThat(timeline.inserts).isEqualTo(3);
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 1)));
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 2)));
        verify(changes).announce(List.of(new ReadModelChange("timeline", THREAD, 3)));
        verifyNoMoreInteractions(changes);
    }

    @Test
    void an_event_after_a_gap_fails_rather_than_leave_a_hole_in_the_timeline() {
        deliver(0);

        assertThatThrownBy(() -> deliver(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an earlier event is missing");
        assertThat(timeline.list(THREAD)).hasSize(1);
    }

    private void deliver(int... sequences) {
        for (int sequence : sequences) {
            projection.on(jobcamp.get(sequence), message(sequence));
        }
    }

    private DomainEventMessage<ThreadEvent> message(long sequence) {
        return new GenericDomainEventMessage<>("DialogueThread", THREAD, sequence, jobcamp.get((int) sequence),
                MetaData.with(EventMetadata.RECORDED_AT, RECORDED.toString()).and(EventMetadata.RECORDED_BY, "clerk"));
    }

    /** The repository's contract without a database: entries by thread, in sequence order, never replaced. */
    private static final class InMemoryTimeline extends TimelineRepository {

        private final Map<String, TreeMap<Long, TimelineEntry>> threads = new HashMap<>();
        private int inserts;

        InMemoryTimeline() {
            super(null, TimelineTables.LIVE);
        }

        @Override
        public void insertAll(Map<String, TimelineProjection.Pending> added) {
            added.forEach((threadId, pending) -> pending.entries().forEach(entry -> {
                inserts++;
                threads.computeIfAbsent(threadId, id -> new TreeMap<>()).putIfAbsent(entry.sequence(), entry);
            }));
        }

        @Override
        public List<TimelineEntry> list(String threadId) {
            return List.copyOf(threads.getOrDefault(threadId, new TreeMap<>()).values());
        }

        @Override
        public OptionalLong lastSequence(String threadId) {
            TreeMap<Long, TimelineEntry> entries = threads.get(threadId);
            return entries == null ? OptionalLong.empty() : OptionalLong.of(entries.lastKey());
        }
    }
}
