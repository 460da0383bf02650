package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.live.ReadModelChange;
import dk.dialogue.ledger.query.live.ReadModelChanges;
import dk.dialogue.ledger.query.processing.BatchBuffer;
import dk.dialogue.ledger.query.processing.BatchReads;
import dk.dialogue.ledger.query.processing.Savepoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the thread-status read model: folds each event into its thread's view. Idempotent: an event the
 * view already reflects (redelivery after a crash between write and token update cannot happen, as both
 * commit together, but a rebuild or a reset may deliver it again) changes nothing.
 */
@ProcessingGroup(ThreadStatusProjection.GROUP)
public class ThreadStatusProjection {

    public static final String GROUP = "thread-status";

    private final ThreadStatusRepository repository;
    private final LetterTexts texts;
    private final ReadModelChanges changes;
    private final Savepoints savepoints;

    public ThreadStatusProjection(ThreadStatusRepository repository, LetterTexts texts, ReadModelChanges changes,
                                  Savepoints savepoints) {
        this.repository = repository;
        this.texts = texts;
        this.changes = changes;
        this.savepoints = savepoints;
    }

    @EventHandler
    void on(ThreadEvent event, DomainEventMessage<?> message) {
        project(event, message);
    }

    /** Folds the event into its thread's view, unless the view already reflects it. */
    public void project(ThreadEvent event, DomainEventMessage<?> message) {
        BatchBuffer.run(GROUP + ":" + repository.table(), Batch::new, this::write,
                batch -> project(event, message, batch));
    }

    private void project(ThreadEvent event, DomainEventMessage<?> message, Batch batch) {
        String threadId = event.threadId().value();
        Pending buffered = batch.pending.get(threadId);
        Optional<ThreadView> current = buffered != null ? Optional.of(buffered.view()) : batch.stored.get(threadId);
        if (!ThreadSequence.isNext(threadId, current.map(ThreadView::version).orElse(0L), message)) {
            return;
        }
        Map<Integer, LetterView> before = buffered == null ? Map.of() : buffered.letters();
        EarlierLetters earlier = new EarlierLetters(threadId, before);
        ThreadFold.Step step = ThreadFold.step(current.orElse(null), earlier, event, EventInfos.of(message));
        // Copied only when the event changes a letter: the batch's maps are never changed once made.
        Map<Integer, LetterView> letters = before;
        if (step.letter() != null) {
            letters = new TreeMap<>(before);
            letters.put(step.position(), step.letter());
        }
        batch.pending.put(threadId, new Pending(step.view(), letters, search(event, step, earlier,
                buffered == null ? null : buffered.search(), batch),
                buffered == null ? current.orElse(null) : buffered.stored()));
    }

    /**
     * Only letters change what a thread can be found by: a new letter adds its own text to the index, an
     * opening or a correction indexes the thread anew; other events keep the index as it is.
     */
    private SearchText search(ThreadEvent event, ThreadFold.Step step, EarlierLetters earlier, SearchText before,
                              Batch batch) {
        if (event instanceof LetterRecorded) {
            String letter = LetterTexts.newLetterSearchText(step.view(), step.letter(), batch::text);
            return before == null ? SearchText.adding(letter) : before.and(letter);
        }
        if (event instanceof InvitationReceived) {
            return SearchText.replacing(LetterTexts.searchText(
                    new FoldedThread(step.view(), List.of(step.letter())), batch::text));
        }
        if (event instanceof RecordCorrected) {
            return SearchText.replacing(LetterTexts.searchText(
                    new FoldedThread(step.view(), step.letters(earlier.get())), batch::text));
        }
        return before;
    }

    private void write(Batch batch) {
        Map<String, Pending> pending = batch.pending;
        if (pending.isEmpty()) {
            return;
        }
        repository.saveAll(pending.values().stream().map(p -> new ThreadStatusRepository.Save(p.view(),
                p.letters(), p.search(), p.stored())).toList());
        changes.announce(pending.values().stream().map(p -> new ReadModelChange(GROUP, p.view().threadId(),
                p.view().version())).toList());
    }

    /** The letters whose texts the batch's events index: each new letter's; a correction's thread reads its own. */
    private static List<String> letterTexts(List<ThreadEvent> events) {
        return events.stream().map(event -> event instanceof InvitationReceived opened ? opened.letter()
                        : event instanceof LetterRecorded recorded ? recorded.letter() : null)
                .filter(Objects::nonNull).map(Letter::textSha256).distinct().toList();
    }

    /**
     * A thread's letters before an event: those stored before the batch with the batch's own placed over them.
     * Read when the fold first asks (only a correction does), once.
     */
    private final class EarlierLetters implements Supplier<List<LetterView>> {

        private final String threadId;
        private final Map<Integer, LetterView> buffered;
        private List<LetterView> letters;

        EarlierLetters(String threadId, Map<Integer, LetterView> buffered) {
            this.threadId = threadId;
            this.buffered = buffered;
        }

        @Override
        public List<LetterView> get() {
            if (letters == null) {
                List<LetterView> read = savepoints.read(() -> repository.letters(threadId));
                for (Map.Entry<Integer, LetterView> letter : buffered.entrySet()) {
                    read = FoldedThread.placed(read, letter.getKey(), letter.getValue());
                }
                letters = read;
            }
            return letters;
        }
    }

    /** One batch: the threads' views so far, and what was stored before it, read together. */
    private final class Batch {

        private final Map<String, Pending> pending = new LinkedHashMap<>();
        private final BatchReads<ThreadView> stored = BatchReads.byThread(savepoints, repository::findAll,
                repository::findView);
        private final BatchReads<String> letters = new BatchReads<>(savepoints, ThreadStatusProjection::letterTexts,
                texts::texts, sha256 -> Optional.of(texts.text(sha256)));

        String text(String sha256) {
            return letters.get(sha256).orElse("");
        }
    }

    /**
     * A thread's view after the batch's events so far; {@code letters} the letters they added or corrected, by
     * position; {@code search} {@code null} keeps the stored index; {@code stored} is the view stored before the
     * batch, {@code null} for a thread new to the table.
     */
    private record Pending(ThreadView view, Map<Integer, LetterView> letters, SearchText search, ThreadView stored) {
    }
}
