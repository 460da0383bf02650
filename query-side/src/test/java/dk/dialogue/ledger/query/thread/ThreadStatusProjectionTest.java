package dk.dialogue.ledger.query.thread;

import static dk.dialogue.ledger.query.thread.FoldFixtures.BEU;
import static dk.dialogue.ledger.query.thread.FoldFixtures.JOBCAMP_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.KL_PROPOSAL;
import static dk.dialogue.ledger.query.thread.FoldFixtures.LATE_IN_THE_DAY;
import static dk.dialogue.ledger.query.thread.FoldFixtures.SUMMONS_ID;
import static dk.dialogue.ledger.query.thread.FoldFixtures.letter;
import static dk.dialogue.ledger.query.thread.FoldFixtures.fold;
import static dk.dialogue.ledger.query.thread.FoldFixtures.folded;
import static dk.dialogue.ledger.query.thread.FoldFixtures.jobcampInvitation;
import static dk.dialogue.ledger.query.thread.FoldFixtures.summons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dk.dialogue.ledger.events.EventMetadata;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.PassThroughSavepoints;
import dk.dialogue.ledger.query.processing.Savepoints;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ThreadStatusProjectionTest {

    private static final String THREAD = JOBCAMP_ID.value();
    private static final MeetingAccepted ACCEPTED = new MeetingAccepted(JOBCAMP_ID, KL_PROPOSAL, LATE_IN_THE_DAY, BEU,
            null, LocalDate.of(2019, 10, 10));
    private static final MeetingHeld HELD = new MeetingHeld(JOBCAMP_ID, LATE_IN_THE_DAY, null, "Besøg gennemført",
            LocalDate.of(2019, 11, 6));

    private static final LetterRecorded REPLY = new LetterRecorded(JOBCAMP_ID, new LetterId("l-2024-02-20-beu"),
            LetterRole.REPLY, letter(LocalDate.of(2024, 2, 20), "Svar om JobCAMP19", BEU, "e".repeat(64)),
            LocalDate.of(2024, 2, 20));
    private static final RecordCorrected CORRECTION = new RecordCorrected(JOBCAMP_ID, REPLY.letterId(),
            letter(LocalDate.of(2024, 2, 19), "Svar om JobCAMP19", BEU, "e".repeat(64)), "brevdatoen var forkert",
            LocalDate.of(2024, 2, 21));
    private static final LetterRecorded REMINDER = new LetterRecorded(JOBCAMP_ID, new LetterId("l-2024-03-01-kl"),
            LetterRole.REMINDER, letter(LocalDate.of(2024, 3, 1), "Påmindelse om JobCAMP19", BEU, "f".repeat(64)),
            LocalDate.of(2024, 3, 1));

    private final ThreadStatusRepository repository = mock(ThreadStatusRepository.class);
    private final LetterTexts texts = mock(LetterTexts.class);
    private final ReadModelChanges changes = mock(ReadModelChanges.class);
    private final Savepoints savepoints = PassThroughSavepoints.create();
    private final ThreadStatusProjection projection = new ThreadStatusProjection(repository, texts, changes,
            savepoints);

    @BeforeEach
    void lettersHaveText() {
        when(texts.text(anyString())).thenAnswer(call -> text(call.getArgument(0)));
    }

    /** A letter's text, as the document store would give it. */
    private static String text(String sha256) {
        return "Brødtekst " + sha256.charAt(0);
    }

    private static DomainEventMessage<ThreadEvent> message(long sequence, ThreadEvent event, String recordedAt,
                                                           String recordedBy) {
        return new GenericDomainEventMessage<>("DialogueThread", THREAD, sequence, event,
                MetaData.with(EventMetadata.RECORDED_AT, recordedAt).and(EventMetadata.RECORDED_BY, recordedBy));
    }

    private ThreadView saved() {
        ArgumentCaptor<List<ThreadStatusRepository.Save>> saves = ArgumentCaptor.captor();
        verify(repository).saveAll(saves.capture());
        assertThat(saves.getValue()).hasSize(1);
        return saves.getValue().get(0).view();
    }

    @Test
    void the_opening_event_of_a_new_thread_is_folded_saved_with_its_search_text_and_announced() {
        when(repository.findView(THREAD)).thenReturn(Optional.empty());

        projection.on(jobcampInvitation(), message(0, jobcampInvitation(), "2024-02-12T08:30:00Z", "journal@kl.dk"));

        ThreadView view = saved();
        assertThat(view.threadId()).isEqualTo(THREAD);
        assertThat(view.status()).isEqualTo(ThreadStatus.DATE_PROPOSED);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.lastRecordedAt()).isEqualTo(Instant.parse("2024-02-12T08:30:00Z"));
        assertThat(view.lastRecordedBy()).isEqualTo("journal@kl.dk");
        FoldedThread opened = folded(jobcampInvitation());
        verify(texts).text(opened.letters().get(0).textSha256());
        assertThat(LetterTexts.searchText(opened, ThreadStatusProjectionTest::text)).contains("Brødtekst");
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view, Map.of(0, opened.letters().get(0)),
                SearchText.replacing(LetterTexts.searchText(opened, ThreadStatusProjectionTest::text)), null)));
        verify(repository, never()).letters(any());
        verify(changes).announce(List.of(new ReadModelChange("thread-status", THREAD, 1)));
    }

    @Test
    void the_next_event_is_folded_onto_the_stored_view() {
        ThreadView stored = fold(jobcampInvitation());
        when(repository.findView(THREAD)).thenReturn(Optional.of(stored));

        projection.on(ACCEPTED, message(1, ACCEPTED, "2024-02-13T10:05:00Z", "sekretariat@ft.dk"));

        ThreadView view = saved();
        assertThat(view).isEqualTo(ThreadFold.apply(new FoldedThread(stored, List.of()), ACCEPTED,
                new EventInfo(1, Instant.parse("2024-02-13T10:05:00Z"), "sekretariat@ft.dk")).view());
        assertThat(view.status()).isEqualTo(ThreadStatus.SCHEDULED);
        assertThat(view.version()).isEqualTo(2);
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view, Map.of(), null, stored)));
        verify(repository, never()).letters(any());
        verifyNoInteractions(texts);
        verify(changes).announce(List.of(new ReadModelChange("thread-status", THREAD, 2)));
    }

    @Test
    void an_event_delivered_again_after_the_view_reflects_it_changes_nothing() {
        when(repository.findView(THREAD)).thenReturn(Optional.of(fold(jobcampInvitation(), ACCEPTED)));

        projection.on(ACCEPTED, message(1, ACCEPTED, "2024-02-13T10:05:00Z", "sekretariat@ft.dk"));

        verify(repository, never()).saveAll(any());
        verifyNoInteractions(texts, changes);
    }

    @Test
    void the_opening_event_delivered_again_to_a_further_view_changes_nothing() {
        when(repository.findView(THREAD)).thenReturn(Optional.of(fold(jobcampInvitation(), ACCEPTED, HELD)));

        projection.project(jobcampInvitation(), message(0, jobcampInvitation(), "2024-02-12T08:30:00Z", "journal@kl.dk"));

        verify(repository, never()).saveAll(any());
        verifyNoInteractions(texts, changes);
    }

    @Test
    void an_event_arriving_after_a_gap_is_refused_and_nothing_is_saved() {
        when(repository.findView(THREAD)).thenReturn(Optional.of(fold(jobcampInvitation())));

        assertThatThrownBy(() -> projection.on(HELD, message(2, HELD, "2024-02-14T09:00:00Z", "journal@kl.dk")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("thread t-2019-jobcamp is at version 1 but event 2 arrived: an earlier event is missing");
        verify(repository, never()).saveAll(any());
        verifyNoInteractions(texts, changes);
    }

    @Test
    void a_later_event_of_a_thread_not_yet_stored_is_refused() {
        when(repository.findView(THREAD)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> projection.on(ACCEPTED, message(1, ACCEPTED, "2024-02-13T10:05:00Z", "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is at version 0 but event 1 arrived");
        verify(repository, never()).saveAll(any());
        verifyNoInteractions(texts, changes);
    }

    @Test
    void the_reads_of_one_event_run_inside_a_savepoint_so_a_failing_one_can_be_dead_lettered() {
        Savepoints failing = mock(Savepoints.class);
        when(failing.read(any())).thenThrow(new IllegalStateException("relation does not exist"));
        ThreadStatusProjection inSavepoint = new ThreadStatusProjection(repository, texts, changes, failing);

        assertThatThrownBy(() -> inSavepoint.on(jobcampInvitation(), message(0, jobcampInvitation(),
                "2024-02-12T08:30:00Z", "journal@kl.dk"))).hasMessage("relation does not exist");

        verify(repository, never()).findView(any());
        verify(repository, never()).saveAll(any());
        verifyNoInteractions(changes);
    }

    @Test
    void the_events_of_one_batch_are_read_once_per_thread_and_written_once_before_the_batch_commits() {
        when(repository.findView(THREAD)).thenReturn(Optional.empty());
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        projection.on(jobcampInvitation(), message(0, jobcampInvitation(), "2024-02-12T08:30:00Z", "journal@kl.dk"));
        projection.on(ACCEPTED, message(1, ACCEPTED, "2024-02-13T10:05:00Z", "sekretariat@ft.dk"));
        projection.on(HELD, message(2, HELD, "2024-02-14T09:00:00Z", "journal@kl.dk"));
        verify(repository, never()).saveAll(any());
        batch.commit();

        verify(repository).findView(THREAD);
        ThreadView view = saved();
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.status()).isEqualTo(ThreadStatus.HELD);
        FoldedThread opened = folded(jobcampInvitation());
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view, Map.of(0, opened.letters().get(0)),
                SearchText.replacing(LetterTexts.searchText(opened, ThreadStatusProjectionTest::text)), null)));
        verify(changes).announce(List.of(new ReadModelChange("thread-status", THREAD, 3)));
    }

    @Test
    void a_processors_batch_reads_the_stored_views_and_letter_texts_of_all_its_threads_with_one_query_each() {
        ThreadView jobcamp = fold(jobcampInvitation());
        when(repository.findAll(any())).thenReturn(Map.of(THREAD, jobcamp));
        when(texts.texts(any())).thenAnswer(call -> texts(call.getArgument(0)));
        List<DomainEventMessage<?>> events = List.of(
                message(1, REPLY, "2024-02-20T09:00:00Z", "journal@kl.dk"),
                new GenericDomainEventMessage<>("DialogueThread", SUMMONS_ID.value(), 0, summons(),
                        MetaData.with(EventMetadata.RECORDED_AT, "2024-02-21T09:00:00Z")
                                .and(EventMetadata.RECORDED_BY, "journal@bm.dk")),
                message(2, REMINDER, "2024-03-01T09:00:00Z", "journal@kl.dk"));

        handleAsOneBatch(events);

        verify(repository).findAll(List.of(THREAD, SUMMONS_ID.value()));
        verify(repository, never()).findView(any());
        verify(texts).texts(List.of(REPLY.letter().textSha256(), summons().letter().textSha256(),
                REMINDER.letter().textSha256()));
        verify(texts, never()).text(any());
        ArgumentCaptor<List<ThreadStatusRepository.Save>> saves = ArgumentCaptor.captor();
        verify(repository).saveAll(saves.capture());
        assertThat(saves.getValue()).extracting(save -> save.view().threadId() + "@" + save.view().version())
                .containsExactly(THREAD + "@3", SUMMONS_ID.value() + "@1");
        assertThat(saves.getValue()).extracting(ThreadStatusRepository.Save::stored).containsExactly(jobcamp, null);
        assertThat(saves.getValue().get(0).search()).isEqualTo(new SearchText(false, List.of(
                newLetterText(jobcampInvitation(), REPLY), newLetterText(jobcampInvitation(), REPLY, REMINDER))));
        List<LetterView> letters = folded(jobcampInvitation(), REPLY, REMINDER).letters();
        assertThat(saves.getValue().get(0).letters()).isEqualTo(Map.of(1, letters.get(1), 2, letters.get(2)));
    }

    @Test
    void when_reading_a_batchs_threads_together_fails_each_thread_is_read_on_its_own() {
        when(repository.findAll(any())).thenThrow(new IllegalStateException("unreadable thread view"));
        when(repository.findView(THREAD)).thenReturn(Optional.of(fold(jobcampInvitation())));
        when(repository.findView(SUMMONS_ID.value())).thenReturn(Optional.empty());
        when(texts.texts(any())).thenAnswer(call -> texts(call.getArgument(0)));

        handleAsOneBatch(List.of(message(1, REPLY, "2024-02-20T09:00:00Z", "journal@kl.dk"),
                new GenericDomainEventMessage<>("DialogueThread", SUMMONS_ID.value(), 0, summons(),
                        MetaData.with(EventMetadata.RECORDED_AT, "2024-02-21T09:00:00Z")
                                .and(EventMetadata.RECORDED_BY, "journal@bm.dk"))));

        verify(repository).findView(THREAD);
        verify(repository).findView(SUMMONS_ID.value());
        ArgumentCaptor<List<ThreadStatusRepository.Save>> saves = ArgumentCaptor.captor();
        verify(repository).saveAll(saves.capture());
        assertThat(saves.getValue()).extracting(save -> save.view().version()).containsExactly(2L, 1L);
    }

    @Test
    void a_recorded_letter_adds_only_its_own_text_to_the_stored_index() {
        ThreadView stored = fold(jobcampInvitation());
        when(repository.findView(THREAD)).thenReturn(Optional.of(stored));

        projection.on(REPLY, message(1, REPLY, "2024-02-20T09:00:00Z", "journal@kl.dk"));

        ThreadView view = saved();
        verify(texts).text(REPLY.letter().textSha256());
        verify(texts, never()).text(jobcampInvitation().letter().textSha256());
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view,
                Map.of(1, folded(jobcampInvitation(), REPLY).letters().get(1)),
                SearchText.adding(newLetterText(jobcampInvitation(), REPLY)), stored)));
        verify(repository, never()).letters(any());
    }

    @Test
    void letters_folded_in_one_batch_are_indexed_one_part_each_as_when_projected_one_by_one() {
        when(repository.findView(THREAD)).thenReturn(Optional.empty());
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        projection.on(jobcampInvitation(), message(0, jobcampInvitation(), "2024-02-12T08:30:00Z", "journal@kl.dk"));
        projection.on(REPLY, message(1, REPLY, "2024-02-20T09:00:00Z", "journal@kl.dk"));
        projection.on(REMINDER, message(2, REMINDER, "2024-03-01T09:00:00Z", "journal@kl.dk"));
        batch.commit();

        ThreadView view = saved();
        List<LetterView> letters = folded(jobcampInvitation(), REPLY, REMINDER).letters();
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view,
                Map.of(0, letters.get(0), 1, letters.get(1), 2, letters.get(2)), new SearchText(true, List.of(
                LetterTexts.searchText(folded(jobcampInvitation()), ThreadStatusProjectionTest::text),
                newLetterText(jobcampInvitation(), REPLY), newLetterText(jobcampInvitation(), REPLY, REMINDER))),
                null)));
    }

    @Test
    void a_correction_reads_the_stored_letters_writes_the_corrected_one_and_indexes_the_thread_anew() {
        ThreadView stored = fold(jobcampInvitation(), REPLY);
        when(repository.findView(THREAD)).thenReturn(Optional.of(stored));
        when(repository.letters(THREAD)).thenReturn(folded(jobcampInvitation(), REPLY).letters());

        projection.on(CORRECTION, message(2, CORRECTION, "2024-02-21T09:00:00Z", "journal@kl.dk"));

        ThreadView view = saved();
        FoldedThread corrected = folded(jobcampInvitation(), REPLY, CORRECTION);
        assertThat(view.letterCount()).isEqualTo(2);
        assertThat(view.lastLetterDate()).isEqualTo(LocalDate.of(2024, 2, 19));
        verify(repository).saveAll(List.of(new ThreadStatusRepository.Save(view, Map.of(1, corrected.letters().get(1)),
                SearchText.replacing(LetterTexts.searchText(corrected, ThreadStatusProjectionTest::text)), stored)));
        verify(repository).letters(THREAD);
    }

    @Test
    void a_correction_in_the_batch_of_the_letter_it_corrects_sees_that_letter() {
        when(repository.findView(THREAD)).thenReturn(Optional.empty());
        when(repository.letters(THREAD)).thenReturn(List.of());
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        projection.on(jobcampInvitation(), message(0, jobcampInvitation(), "2024-02-12T08:30:00Z", "journal@kl.dk"));
        projection.on(REPLY, message(1, REPLY, "2024-02-20T09:00:00Z", "journal@kl.dk"));
        projection.on(CORRECTION, message(2, CORRECTION, "2024-02-21T09:00:00Z", "journal@kl.dk"));
        batch.commit();

        FoldedThread corrected = folded(jobcampInvitation(), REPLY, CORRECTION);
        ArgumentCaptor<List<ThreadStatusRepository.Save>> saves = ArgumentCaptor.captor();
        verify(repository).saveAll(saves.capture());
        assertThat(saves.getValue()).singleElement().satisfies(save -> {
            assertThat(save.letters()).isEqualTo(Map.of(0, corrected.letters().get(0), 1, corrected.letters().get(1)));
            assertThat(save.letters().get(1).corrected()).isTrue();
            assertThat(save.search()).isEqualTo(SearchText.replacing(
                    LetterTexts.searchText(corrected, ThreadStatusProjectionTest::text)));
        });
        verify(repository).letters(THREAD);
    }

    /** What the newest of the events' letters adds to the thread's index. */
    private static String newLetterText(ThreadEvent... events) {
        FoldedThread thread = folded(events);
        return LetterTexts.newLetterSearchText(thread.view(), thread.letters().get(thread.letters().size() - 1),
                ThreadStatusProjectionTest::text);
    }

    /** The events handled as a processor hands them over: one batch, one unit of work. */
    private void handleAsOneBatch(List<DomainEventMessage<?>> events) {
        BatchingUnitOfWork<DomainEventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            DomainEventMessage<?> message = batch.getMessage();
            projection.on((ThreadEvent) message.getPayload(), message);
            return null;
        });
        assertThat(result.isExceptional()).as("batch failed: %s", result).isFalse();
    }

    private static Map<String, String> texts(Collection<String> sha256s) {
        return sha256s.stream().collect(Collectors.toMap(sha256 -> sha256, ThreadStatusProjectionTest::text));
    }
}
