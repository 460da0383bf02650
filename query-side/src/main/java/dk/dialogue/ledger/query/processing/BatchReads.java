package dk.dialogue.ledger.query.processing;

import dk.dialogue.ledger.events.ThreadEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a projection stored, read for the whole batch with one query when its first event needs it, instead of one
 * query (and savepoint) per event: keys are derived from the batch's events ({@link BatchBuffer#batchEvents()}).
 * A key the batch read did not cover (outside a processor's batch, or when that read failed) is read alone, so an
 * unreadable row fails only its own thread's events, which the dead-letter queue then holds. Lives for one batch.
 *
 * @param <V> the stored value, e.g. a thread's view
 */
public final class BatchReads<V> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReads.class);

    private final Savepoints savepoints;
    private final Function<List<ThreadEvent>, Collection<String>> keys;
    private final Function<Collection<String>, Map<String, V>> readAll;
    private final Function<String, Optional<V>> readOne;
    private Set<String> covered;
    private Map<String, V> found = Map.of();

    /**
     * @param keys    the keys the batch's events will ask for
     * @param readAll the stored values of the given keys; a key without one is left out
     * @param readOne the stored value of one key
     */
    public BatchReads(Savepoints savepoints, Function<List<ThreadEvent>, Collection<String>> keys,
                      Function<Collection<String>, Map<String, V>> readAll, Function<String, Optional<V>> readOne) {
        this.savepoints = savepoints;
        this.keys = keys;
        this.readAll = readAll;
        this.readOne = readOne;
    }

    /** Keyed by thread id. */
    public static <V> BatchReads<V> byThread(Savepoints savepoints, Function<Collection<String>, Map<String, V>> readAll,
                                              Function<String, Optional<V>> readOne) {
        return new BatchReads<>(savepoints, events -> events.stream().map(event -> event.threadId().value())
                .distinct().toList(), readAll, readOne);
    }

    /** The stored value of {@code key}, as it was when the batch began. */
    public Optional<V> get(String key) {
        if (covered == null) {
            readBatch();
        }
        if (covered.contains(key)) {
            return Optional.ofNullable(found.get(key));
        }
        return savepoints.read(() -> readOne.apply(key));
    }

    private void readBatch() {
        covered = Set.of();
        Collection<String> wanted = keys.apply(BatchBuffer.batchEvents());
        if (wanted.size() < 2) {
            return;
        }
        try {
            found = savepoints.read(() -> readAll.apply(wanted));
            covered = Set.copyOf(wanted);
        } catch (RuntimeException e) {
            LOG.warn("Reading {} rows for a batch at once failed, reading them one by one: {}", wanted.size(),
                    e.getMessage());
        }
    }
}
