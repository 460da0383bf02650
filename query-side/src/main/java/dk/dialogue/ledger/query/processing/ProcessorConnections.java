package dk.dialogue.ledger.query.processing;

import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The query side's one {@link DataSource}, over two pools: the projection processors' transactions and the event
 * store's tail reader ({@link #threads}) take their connection from a pool of their own, everything else (reads,
 * the live listener, audit records, rebuilds) from the other. Repositories and Axon's token store and dead-letter
 * queue need not know which: a transaction keeps the connection it started with, and only where a processor's
 * transaction starts is the pool chosen ({@link #forProcessors}).
 * <p>
 * Two pools, so that neither side waits for connections the other holds (with one pool of 12, a replay's seven
 * work packages left five for the reads, and a burst of reads could hold up the projections), and so that the
 * processors' sessions are set up once for the processors alone ({@code synchronous_commit}, see
 * {@link ReadModelCommits}) instead of by a statement in every transaction.
 */
public final class ProcessorConnections extends AbstractRoutingDataSource {

    private static final ThreadLocal<Boolean> PROCESSING = new ThreadLocal<>();

    public ProcessorConnections(DataSource reads, DataSource processors) {
        setTargetDataSources(Map.of(Pool.READS, reads, Pool.PROCESSORS, processors));
        setDefaultTargetDataSource(reads);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** Runs {@code start} (which opens a transaction, taking its connection) with the processors' pool. */
    public static <T> T forProcessors(Supplier<T> start) {
        Boolean outer = PROCESSING.get();
        PROCESSING.set(Boolean.TRUE);
        try {
            return start.get();
        } finally {
            if (outer == null) {
                PROCESSING.remove();
            }
        }
    }

    /** Threads from {@code threads} that take the processors' connections for as long as they run. */
    public static ThreadFactory threads(ThreadFactory threads) {
        return task -> threads.newThread(() -> forProcessors(() -> {
            task.run();
            return null;
        }));
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return PROCESSING.get() == null ? Pool.READS : Pool.PROCESSORS;
    }

    private enum Pool {
        READS, PROCESSORS
    }
}
