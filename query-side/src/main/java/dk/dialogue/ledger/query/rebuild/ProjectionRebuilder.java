package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.eventstore.CommitOrderToken;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model from the whole history without taking it away from readers:
 * <ol>
 *     <li>the projection runs over every event, in commit order, into shadow copies of its tables
 *     ({@code <table>_next}) while queries keep reading the live tables and the live processor keeps them
 *     current;</li>
 *     <li>once the shadow has caught up, one transaction locks the live tables and the processor's tokens
 *     (on every instance), projects the last events, swaps the tables by renaming and moves the processor's
 *     tokens to the shadow's position. Readers see either the old or the new tables, never a mix or a gap;
 *     the processor then carries on from exactly where the rebuild stopped.</li>
 * </ol>
 * Nothing is announced to live clients while the shadow is filled: replays have no side effects.
 */
@Service
public class ProjectionRebuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final String SHADOW = "_next";
    private static final String RETIRED = "_old";
    private static final String CERTIFY = "_cert";
    /** Differing rows shown per table and direction; the counts are complete. */
    private static final int EXAMPLES = 20;

    private final Map<String, Rebuildable> projections;
    private final EventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String eventTable;
    private final int batchSize;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicReference<RebuildProgress>> progress = new ConcurrentHashMap<>();

    public ProjectionRebuilder(List<Rebuildable> projections, EventStorageEngine events,
                               EventProcessingConfiguration processing, JdbcTemplate jdbc,
                               PlatformTransactionManager transactionManager, Serializer serializer,
                               Clock clock,
                               MeterRegistry meters,
                               @Value("${ledger.event-store.table:public.domain_event_entry}") String eventTable,
                               @Value("${ledger.rebuild.batch-size:1000}") int batchSize) {
        this.projections = projections.stream().collect(Collectors.toMap(Rebuildable::group, Function.identity()));
        this.events = events;
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.serializer = serializer;
        this.clock = clock;
        this.meters = meters;
        this.eventTable = eventTable;
        this.batchSize = batchSize;
    }

    public Set<String> projections() {
        return new TreeSet<>(projections.keySet());
    }

    /** Starts a rebuild in the background; false if one of this projection is already running here. */
    public synchronized boolean start(String group) {
        Rebuildable projection = projection(group);
        AtomicReference<RebuildProgress> state = progress.computeIfAbsent(group, this::registerGauges);
        if (state.get() != null && state.get().finishedAt() == null) {
            return false;
        }
        state.set(new RebuildProgress(group, "RUNNING", 0, visibleEvents(), 0, 0, null, 0, clock.instant(), null,
                null));
        worker.submit(() -> run(projection, state));
        return true;
    }

    public RebuildProgress progress(String group) {
        projection(group);
        AtomicReference<RebuildProgress> state = progress.get(group);
        return state == null ? null : state.get();
    }

    private Rebuildable projection(String group) {
        Rebuildable projection = projections.get(group);
        if (projection == null) {
            throw new IllegalArgumentException("no rebuildable projection '" + group + "'; known: " + projections());
        }
        return projection;
    }

    private void run(Rebuildable projection, AtomicReference<RebuildProgress> state) {
        String group = projection.group();
        try {
            createShadow(projection, SHADOW);
            Rebuildable.Projector shadow = projection.into(SHADOW);
            Set<String> failedThreads = ConcurrentHashMap.newKeySet();
            TrackingToken position = fill(shadow, state, failedThreads);
            update(state, "SWITCHING", 0, failedThreads.size());
            switchOver(projection, shadow, position, state, failedThreads);
            RebuildProgress done = update(state, "DONE", 0, failedThreads.size());
            state.set(new RebuildProgress(group, "DONE", done.processed(), done.processed(), 100, done.eventsPerSecond(),
                    0L, failedThreads.size(), done.startedAt(), clock.instant(), null));
            log(state.get());
        } catch (RuntimeException e) {
            LOG.error("Rebuild of {} failed; the live read model is untouched", group, e);
            RebuildProgress failed = state.get();
            state.set(new RebuildProgress(group, "FAILED", failed.processed(), failed.total(), failed.percent(),
                    failed.eventsPerSecond(), null, failed.failedThreads(), failed.startedAt(), clock.instant(),
                    e.getMessage()));
            dropTables(projection, SHADOW);
        }
    }

    /** Projects the whole history into the shadow, a batch per transaction; returns the position reached. */
    private TrackingToken fill(Rebuildable.Projector shadow, AtomicReference<RebuildProgress> state,
                               Set<String> failedThreads) {
        TrackingToken position = CommitOrderToken.TAIL;
        Instant lastLog = clock.instant();
        while (true) {
            TrackingToken from = position;
            TrackingToken reached = transactions.execute(status -> projectBatch(shadow, from, null, state,
                    failedThreads));
            if (reached.equals(position)) {
                return position;
            }
            position = reached;
            if (Duration.between(lastLog, clock.instant()).toSeconds() >= 5) {
                lastLog = clock.instant();
                log(state.get());
            }
        }
    }

    /** Projects batch after batch in the caller's transaction until nothing is left (up to {@code until} if given). */
    private TrackingToken catchUp(Rebuildable.Projector shadow, TrackingToken from, CommitOrderToken until,
                                  AtomicReference<RebuildProgress> state, Set<String> failedThreads) {
        TrackingToken head = from;
        while (true) {
            TrackingToken reached = projectBatch(shadow, head, until, state, failedThreads);
            if (reached.equals(head)) {
                return head;
            }
            head = reached;
        }
    }

    /** Projects up to one batch after {@code from}, not beyond {@code until} if given; returns the position reached. */
    private TrackingToken projectBatch(Rebuildable.Projector shadow, TrackingToken from, CommitOrderToken until,
                                       AtomicReference<RebuildProgress> state, Set<String> failedThreads) {
        TrackingToken reached = from;
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            var iterator = stream.limit(batchSize).iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                if (until != null && ((CommitOrderToken) message.trackingToken()).compareTo(until) > 0) {
                    break;
                }
                messages.add(message);
                reached = message.trackingToken();
            }
        }
        if (messages.isEmpty()) {
            return reached;
        }
        // One unit of work for the batch, as a live processor has: projections read what they stored for all of
        // its threads at once and write their buffered rows at its commit.
        BatchingUnitOfWork<TrackedEventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            if (batch.getMessage() instanceof DomainEventMessage<?> domain
                    && domain.getPayload() instanceof ThreadEvent event
                    && !failedThreads.contains(event.threadId().value())) {
                project(shadow, event, domain, failedThreads);
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Error error) {
                throw error;
            }
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
        update(state, "RUNNING", messages.size(), failedThreads.size());
        return reached;
    }

    /**
     * As live, an event the projection fails on holds back its thread's later events and nothing else; the
     * live dead-letter queue still has them for a retry after the switch.
     */
    private void project(Rebuildable.Projector shadow, ThreadEvent event, DomainEventMessage<?> message,
                         Set<String> failedThreads) {
        try {
            shadow.project(event, message);
        } catch (RuntimeException e) {
            failedThreads.add(event.threadId().value());
            LOG.warn("Rebuild: thread {} stops at event {} ({}): {}", event.threadId(), message.getSequenceNumber(),
                    event.getClass().getSimpleName(), e.getMessage());
        }
    }

    /**
     * A certified rebuild: the projection is rebuilt from the whole history into scratch tables and compared row by
     * row with the live tables at the same position of the history; nothing is switched. While the live processor
     * has segments at different positions, threads with events between them are in motion and are not compared
     * (the report counts them); the comparison waits up to {@code settle} for a moment when none are.
     */
    public Certification certify(String group, Duration settle) {
        Rebuildable projection = projection(group);
        Instant started = clock.instant();
        AtomicReference<RebuildProgress> state = new AtomicReference<>(new RebuildProgress(group, "CERTIFYING", 0,
                visibleEvents(), 0, 0, null, 0, started, null, null));
        createShadow(projection, CERTIFY);
        try {
            Rebuildable.Projector scratch = projection.into(CERTIFY);
            Set<String> failedThreads = ConcurrentHashMap.newKeySet();
            TrackingToken position = fill(scratch, state, failedThreads);
            long deadline = System.nanoTime() + settle.toNanos();
            while (true) {
                TrackingToken from = position;
                Certification result = transactions.execute(status -> compare(projection, scratch, from, state,
                        failedThreads, started, System.nanoTime() >= deadline));
                if (result != null) {
                    LOG.info("Certified rebuild of {}: {} events, {} differences, {} threads in motion", group,
                            result.events(), result.differences(), result.threadsInMotion());
                    return result;
                }
                position = transactions.execute(status -> projectBatch(scratch, from, null, state, failedThreads));
                sleep(Duration.ofMillis(200));
            }
        } finally {
            dropTables(projection, CERTIFY);
        }
    }

    /**
     * Under a share lock on the live tables (the live processor, on any instance, cannot write meanwhile), brings
     * the scratch tables to the live position and compares; {@code null} to try again later.
     */
    private Certification compare(Rebuildable projection, Rebuildable.Projector scratch, TrackingToken from,
                                  AtomicReference<RebuildProgress> state, Set<String> failedThreads, Instant started,
                                  boolean lastChance) {
        jdbc.execute("LOCK TABLE " + String.join(", ", projection.tables()) + " IN SHARE MODE");
        List<CommitOrderToken> live = jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ?",
                (rs, n) -> liveToken(rs.getBytes(1), rs.getString(2)), projection.group());
        CommitOrderToken lowest = live.stream().min(CommitOrderToken::compareTo).orElse(CommitOrderToken.TAIL);
        CommitOrderToken highest = live.stream().max(CommitOrderToken::compareTo).orElse(CommitOrderToken.TAIL);
        CommitOrderToken rebuilt = (CommitOrderToken) from;
        if (rebuilt.compareTo(highest) > 0 || (!lowest.equals(highest) && !lastChance)) {
            return null;
        }
        catchUp(scratch, from, highest, state, failedThreads);
        List<String> inMotion = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM " + eventTable
                        + " WHERE (tx_id, global_index) > ((?::bigint)::text::xid8, ?)"
                        + " AND (tx_id, global_index) <= ((?::bigint)::text::xid8, ?)", String.class,
                lowest.txId(), lowest.globalIndex(), highest.txId(), highest.globalIndex());
        String[] excluded = inMotion.toArray(String[]::new);
        List<Certification.TableComparison> tables = projection.tables().stream()
                .map(table -> compareTable(table, excluded)).toList();
        return new Certification(projection.group(), started, clock.instant(), state.get().processed(), highest,
                inMotion.size(), List.copyOf(new TreeSet<>(failedThreads)), tables);
    }

    private Certification.TableComparison compareTable(String table, String[] excluded) {
        String live = "(SELECT * FROM " + table + " WHERE thread_id <> ALL(?))";
        String rebuilt = "(SELECT * FROM " + table + CERTIFY + " WHERE thread_id <> ALL(?))";
        List<String> onlyLive = jdbc.queryForList("SELECT row_to_json(d)::text FROM (" + live + " EXCEPT ALL "
                + rebuilt + ") d LIMIT " + EXAMPLES, String.class, excluded, excluded);
        List<String> onlyRebuilt = jdbc.queryForList("SELECT row_to_json(d)::text FROM (" + rebuilt + " EXCEPT ALL "
                + live + ") d LIMIT " + EXAMPLES, String.class, excluded, excluded);
        long liveRows = jdbc.queryForObject("SELECT count(*) FROM " + live + " l", Long.class, (Object) excluded);
        long rebuiltRows = jdbc.queryForObject("SELECT count(*) FROM " + rebuilt + " r", Long.class,
                (Object) excluded);
        long onlyLiveCount = jdbc.queryForObject("SELECT count(*) FROM (" + live + " EXCEPT ALL " + rebuilt + ") d",
                Long.class, excluded, excluded);
        long onlyRebuiltCount = jdbc.queryForObject("SELECT count(*) FROM (" + rebuilt + " EXCEPT ALL " + live
                + ") d", Long.class, excluded, excluded);
        return new Certification.TableComparison(table, liveRows, rebuiltRows, onlyLiveCount, onlyRebuiltCount,
                onlyLive, onlyRebuilt);
    }

    private CommitOrderToken liveToken(byte[] token, String type) {
        if (token == null) {
            return CommitOrderToken.TAIL;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return WrappedToken.unwrap(tracking, CommitOrderToken.class).orElse(CommitOrderToken.TAIL);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("certification interrupted", e);
        }
    }

    /**
     * The atomic switch. Locking the live tables first means a processor batch on any instance either
     * finished before (its token is then covered by the head read below) or waits and, finding its token
     * moved and unclaimed, rolls back and resumes from the new position.
     */
    private void switchOver(Rebuildable projection, Rebuildable.Projector shadow, TrackingToken position,
                            AtomicReference<RebuildProgress> state, Set<String> failedThreads) {
        String group = projection.group();
        EventProcessor processor = processing.eventProcessor(group).orElseThrow();
        processor.shutDown();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("LOCK TABLE " + String.join(", ", projection.tables()) + " IN ACCESS EXCLUSIVE MODE");
                jdbc.query("SELECT segment FROM tokenentry WHERE processorname = ? FOR UPDATE", rs -> {
                }, group);
                TrackingToken head = catchUp(shadow, position, null, state, failedThreads);
                SerializedObject<byte[]> token = serializer.serialize(head, byte[].class);
                jdbc.update("UPDATE tokenentry SET token = ?, tokentype = ?, owner = NULL, timestamp = ? "
                        + "WHERE processorname = ?", token.getData(), token.getType().getName(),
                        clock.instant().toString(), group);
                for (String table : projection.tables()) {
                    jdbc.execute("ALTER TABLE " + table + " RENAME TO " + table + RETIRED);
                    jdbc.execute("ALTER TABLE " + table + SHADOW + " RENAME TO " + table);
                    jdbc.execute("DROP TABLE " + table + RETIRED);
                }
            });
        } finally {
            processor.start();
        }
    }

    private void createShadow(Rebuildable projection, String suffix) {
        dropTables(projection, suffix);
        projection.tables().forEach(table ->
                jdbc.execute("CREATE TABLE " + table + suffix + " (LIKE " + table + " INCLUDING ALL)"));
    }

    private void dropTables(Rebuildable projection, String suffix) {
        projection.tables().forEach(table -> jdbc.execute("DROP TABLE IF EXISTS " + table + suffix));
    }

    private long visibleEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM " + eventTable
                + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())", Long.class);
    }

    private RebuildProgress update(AtomicReference<RebuildProgress> state, String phase, long more,
                                   int failedThreads) {
        return state.updateAndGet(current -> {
            long processed = current.processed() + more;
            long total = Math.max(current.total(), processed);
            double seconds = Math.max(0.001, Duration.between(current.startedAt(), clock.instant()).toMillis() / 1000.0);
            double rate = processed / seconds;
            Long eta = rate > 0 ? (long) Math.ceil((total - processed) / rate) : null;
            return new RebuildProgress(current.projection(), phase, processed, total,
                    total == 0 ? 100 : 100.0 * processed / total, rate, eta, failedThreads, current.startedAt(), null,
                    null);
        });
    }

    private static void log(RebuildProgress p) {
        LOG.info("Rebuild of {}: {} {} of {} events ({}%), {} events/s, ETA {} s, {} threads held back by a failure",
                p.projection(), p.state(), p.processed(), p.total(), String.format("%.1f", p.percent()),
                String.format("%.0f", p.eventsPerSecond()), p.etaSeconds(), p.failedThreads());
    }

    private AtomicReference<RebuildProgress> registerGauges(String group) {
        AtomicReference<RebuildProgress> state = new AtomicReference<>();
        Gauge.builder("ledger.rebuild.progress.percent", state, s -> s.get() == null ? 0 : s.get().percent())
                .tag("projection", group).description("share of the history projected by the running rebuild")
                .register(meters);
        Gauge.builder("ledger.rebuild.events.per.second", state, s -> s.get() == null ? 0 : s.get().eventsPerSecond())
                .tag("projection", group).register(meters);
        Gauge.builder("ledger.rebuild.eta.seconds", state,
                        s -> s.get() == null || s.get().etaSeconds() == null ? 0 : s.get().etaSeconds())
                .tag("projection", group).register(meters);
        return state;
    }
}
