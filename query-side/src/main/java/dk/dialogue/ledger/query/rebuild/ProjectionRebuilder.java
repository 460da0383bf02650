package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.eventstore.CommitOrderEventStorageEngine;
import dk.dialogue.ledger.query.eventstore.CommitOrderToken;
import dk.dialogue.ledger.query.eventstore.ProcessorPositions;
import dk.dialogue.ledger.query.eventstore.ThreadPosition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
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
    /** The advisory lock instances hold, one at a time, while they build read models initially. */
    private static final long INITIAL_BUILD_LOCK = 0x4c65646765724942L;
    /** Differing rows shown per table and direction; the counts are complete. */
    private static final int EXAMPLES = 20;
    /** Events projected before the new tables are first analyzed. */
    private static final long FIRST_ANALYSIS = 10_000;

    private final Map<String, Rebuildable> projections;
    private final CommitOrderEventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final ProcessorPositions positions;
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

    public ProjectionRebuilder(List<Rebuildable> projections, CommitOrderEventStorageEngine events,
                               EventProcessingConfiguration processing, JdbcTemplate jdbc,
                               PlatformTransactionManager transactionManager, Serializer serializer,
                               ProcessorPositions positions,
                               Clock clock,
                               MeterRegistry meters,
                               @Value("${ledger.event-store.table:public.domain_event_entry}") String eventTable,
                               @Value("${ledger.rebuild.batch-size:1000}") int batchSize) {
        this.projections = projections.stream().collect(Collectors.toMap(Rebuildable::group, Function.identity()));
        this.events = events;
        this.processing = processing;
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.transactions = new TransactionTemplate(transactionManager);
        this.serializer = serializer;
        this.positions = positions;
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
        if (running(state)) {
            return false;
        }
        state.set(starting(group, "RUNNING"));
        worker.submit(() -> run(projection, state));
        return true;
    }

    /**
     * In the background, builds those of these read models whose processors have never processed anything (every
     * token still at the start of a history that is not empty) in one pass over the history. Instances starting
     * together take turns (a database lock): the history is built once, and the others then find their tokens
     * moved. {@code opened} is told each projection (built, not needing it, or failed) just before its processor
     * may go on: from where the build stopped, or else from where its tokens are.
     */
    public void buildInitially(List<String> groups, Consumer<String> opened) {
        worker.submit(() -> {
            try {
                build(groups, opened);
            } finally {
                groups.forEach(opened);
            }
        });
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

    private static boolean running(AtomicReference<RebuildProgress> state) {
        return state.get() != null && state.get().finishedAt() == null;
    }

    private RebuildProgress starting(String group, String phase) {
        return starting(group, phase, visibleEvents());
    }

    private RebuildProgress starting(String group, String phase, long total) {
        return new RebuildProgress(group, phase, 0, total, 0, 0, null, 0, clock.instant(), null, null);
    }

    private void run(Rebuildable projection, AtomicReference<RebuildProgress> state) {
        Target target = new Target(projection, state);
        try {
            createShadow(projection, SHADOW);
            TrackingToken position = fill(List.of(target), SHADOW);
            switchOver(target, position, heldBack -> {
            }, () -> {
            });
            done(target);
        } catch (RuntimeException e) {
            failed(target, e);
        }
    }

    private void build(List<String> groups, Consumer<String> opened) {
        List<Target> targets = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, true);
            try {
                List<String> never = groups.stream().filter(this::neverProcessed).toList();
                boolean empty = never.isEmpty() || events.createHeadToken().equals(CommitOrderToken.TAIL);
                long total = empty ? 0 : visibleEvents();
                for (String group : groups) {
                    if (!empty && never.contains(group)) {
                        AtomicReference<RebuildProgress> state = progress.computeIfAbsent(group, this::registerGauges);
                        state.set(starting(group, "INITIAL_BUILD", total));
                        targets.add(new Target(projection(group), state));
                    } else {
                        opened.accept(group);
                    }
                }
                if (targets.isEmpty()) {
                    return;
                }
                LOG.info("Initial build of {}: the history thread by thread, then in commit order",
                        targets.stream().map(Target::group).toList());
                targets.forEach(target -> createShadow(target.projection(), SHADOW));
                TrackingToken position = fill(targets, SHADOW);
                for (Target target : targets) {
                    switchOver(target, position, this::deadLetter, () -> opened.accept(target.group()));
                    done(target);
                }
            } finally {
                lock(connection, false);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Initial build of {} failed", groups, e);
            targets.stream().filter(target -> running(target.state())).forEach(target -> failed(target, e));
        }
    }

    private static void lock(Connection connection, boolean take) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute((take ? "SELECT pg_advisory_lock(" : "SELECT pg_advisory_unlock(") + INITIAL_BUILD_LOCK
                    + ")");
        }
    }

    /** Whether every token of the processor is still where an unprocessed history starts. */
    private boolean neverProcessed(String group) {
        List<CommitOrderToken> tokens = positions.of(group);
        return !tokens.isEmpty() && tokens.stream().allMatch(CommitOrderToken.TAIL::equals);
    }

    /**
     * The events an initial build held back go to the live dead-letter queue, as if the processor had met
     * them: the thread then waits there, and its later events join it, until retried or evicted.
     */
    private void deadLetter(Target target) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(target.group()).orElse(null);
        if (queue == null || target.heldBack().isEmpty()) {
            return;
        }
        target.heldBack().forEach((thread, letters) -> letters.forEach(letter -> queue.enqueue(thread, letter)));
    }

    private void done(Target target) {
        RebuildProgress done = update(target, "DONE", 0);
        target.state().set(new RebuildProgress(target.group(), "DONE", done.processed(), done.processed(), 100,
                done.eventsPerSecond(), 0L, target.heldBack().size(), done.startedAt(), clock.instant(), null));
        log(target.state().get());
    }

    private void failed(Target target, Exception e) {
        LOG.error("Rebuild of {} failed; the live read model is untouched", target.group(), e);
        RebuildProgress failed = target.state().get();
        target.state().set(new RebuildProgress(target.group(), "FAILED", failed.processed(), failed.total(),
                failed.percent(), failed.eventsPerSecond(), null, target.heldBack().size(), failed.startedAt(),
                clock.instant(), e.getMessage()));
        dropTables(target.projection(), SHADOW);
    }

    /**
     * Projects the whole history into the targets' tables: first thread by thread up to the head of the store
     * when it begins (each thread's rows are then written once per batch, not once per event), then in commit
     * order from there, a batch per transaction; returns the position reached.
     */
    private TrackingToken fill(List<Target> targets, String suffix) {
        targets.forEach(target -> target.open(suffix));
        CommitOrderToken head = events.createHeadToken();
        Instant lastLog = clock.instant();
        long nextAnalysis = FIRST_ANALYSIS;
        ThreadPosition after = ThreadPosition.START;
        while (true) {
            ThreadPosition from = after;
            ThreadPosition reached = transactions.execute(status -> {
                List<TrackedEventMessage<?>> batch = events.readInThreadOrder(head, from, batchSize);
                project(targets, batch);
                return batch.isEmpty() ? from : threadPosition(batch.get(batch.size() - 1));
            });
            if (reached.equals(after)) {
                break;
            }
            after = reached;
            lastLog = logEvery5s(targets, lastLog);
            nextAnalysis = analyzeWhenGrown(targets, suffix, nextAnalysis);
        }
        TrackingToken position = head;
        while (true) {
            TrackingToken from = position;
            TrackingToken reached = transactions.execute(status -> projectBatch(targets, from, null));
            if (reached.equals(position)) {
                return position;
            }
            position = reached;
            lastLog = logEvery5s(targets, lastLog);
            nextAnalysis = analyzeWhenGrown(targets, suffix, nextAnalysis);
        }
    }

    /**
     * Tables filled from empty have no planner statistics until autovacuum gets to them, and PostgreSQL meanwhile
     * plans a lookup of a batch's threads as a scan of the whole table: deleting a batch's party rows took 57 ms
     * on average in a replay of 1,000,000 events, where the primary key finds them in about 1 ms. So the fill
     * analyzes its tables itself whenever they have grown fourfold, and {@link #switchOver} once more before they
     * become the live tables, so that those are planned well from their first query.
     */
    private long analyzeWhenGrown(List<Target> targets, String suffix, long threshold) {
        long processed = targets.get(0).state().get().processed();
        if (processed < threshold) {
            return threshold;
        }
        targets.forEach(target -> analyze(target.projection(), suffix));
        return processed * 4;
    }

    private void analyze(Rebuildable projection, String suffix) {
        projection.tables().forEach(table -> jdbc.execute("ANALYZE " + table + suffix));
    }

    private Instant logEvery5s(List<Target> targets, Instant lastLog) {
        if (Duration.between(lastLog, clock.instant()).toSeconds() < 5) {
            return lastLog;
        }
        targets.forEach(target -> log(target.state().get()));
        return clock.instant();
    }

    private static ThreadPosition threadPosition(TrackedEventMessage<?> message) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
        return new ThreadPosition(domain.getAggregateIdentifier(), domain.getSequenceNumber());
    }

    /** Projects batch after batch in the caller's transaction until nothing is left (up to {@code until} if given). */
    private TrackingToken catchUp(List<Target> targets, TrackingToken from, CommitOrderToken until) {
        TrackingToken head = from;
        while (true) {
            TrackingToken reached = projectBatch(targets, head, until);
            if (reached.equals(head)) {
                return head;
            }
            head = reached;
        }
    }

    /** Projects up to one batch after {@code from}, not beyond {@code until} if given; returns the position reached. */
    private TrackingToken projectBatch(List<Target> targets, TrackingToken from, CommitOrderToken until) {
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
        project(targets, messages);
        return reached;
    }

    /**
     * One unit of work for the batch, as a live processor has: projections read what they stored for all of its
     * threads at once and write their buffered rows at its commit.
     */
    private void project(List<Target> targets, List<TrackedEventMessage<?>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            if (batch.getMessage() instanceof DomainEventMessage<?> domain
                    && domain.getPayload() instanceof ThreadEvent event) {
                targets.forEach(target -> target.project(event, domain));
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
        targets.forEach(target -> update(target, "RUNNING", messages.size()));
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
        Target scratch = new Target(projection, new AtomicReference<>(starting(group, "CERTIFYING")));
        createShadow(projection, CERTIFY);
        try {
            TrackingToken position = fill(List.of(scratch), CERTIFY);
            long deadline = System.nanoTime() + settle.toNanos();
            while (true) {
                TrackingToken from = position;
                Certification result = transactions.execute(status -> compare(scratch, from, started,
                        System.nanoTime() >= deadline));
                if (result != null) {
                    LOG.info("Certified rebuild of {}: {} events, {} differences, {} threads in motion", group,
                            result.events(), result.differences(), result.threadsInMotion());
                    return result;
                }
                position = transactions.execute(status -> projectBatch(List.of(scratch), from, null));
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
    private Certification compare(Target scratch, TrackingToken from, Instant started, boolean lastChance) {
        Rebuildable projection = scratch.projection();
        jdbc.execute("LOCK TABLE " + String.join(", ", projection.tables()) + " IN SHARE MODE");
        List<CommitOrderToken> live = positions.of(projection.group());
        CommitOrderToken lowest = live.stream().min(CommitOrderToken::compareTo).orElse(CommitOrderToken.TAIL);
        CommitOrderToken highest = live.stream().max(CommitOrderToken::compareTo).orElse(CommitOrderToken.TAIL);
        CommitOrderToken rebuilt = (CommitOrderToken) from;
        if (rebuilt.compareTo(highest) > 0 || (!lowest.equals(highest) && !lastChance)) {
            return null;
        }
        catchUp(List.of(scratch), from, highest);
        List<String> inMotion = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM " + eventTable
                        + " WHERE (tx_id, global_index) > ((?::bigint)::text::xid8, ?)"
                        + " AND (tx_id, global_index) <= ((?::bigint)::text::xid8, ?)", String.class,
                lowest.txId(), lowest.globalIndex(), highest.txId(), highest.globalIndex());
        String[] excluded = inMotion.toArray(String[]::new);
        List<Certification.TableComparison> tables = projection.tables().stream()
                .map(table -> compareTable(table, excluded)).toList();
        return new Certification(projection.group(), started, clock.instant(), scratch.state().get().processed(),
                highest, inMotion.size(), List.copyOf(new TreeSet<>(scratch.heldBack().keySet())), tables);
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
     * moved and unclaimed, rolls back and resumes from the new position. {@code inSwitch} runs in the same
     * transaction, {@code beforeRestart} after it, whatever its outcome, just before the local processor starts again.
     */
    private void switchOver(Target target, TrackingToken position, Consumer<Target> inSwitch,
                            Runnable beforeRestart) {
        update(target, "SWITCHING", 0);
        Rebuildable projection = target.projection();
        analyze(projection, SHADOW);
        String group = projection.group();
        EventProcessor processor = processing.eventProcessor(group).orElseThrow();
        processor.shutDown();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("LOCK TABLE " + String.join(", ", projection.tables()) + " IN ACCESS EXCLUSIVE MODE");
                jdbc.query("SELECT segment FROM tokenentry WHERE processorname = ? FOR UPDATE", rs -> {
                }, group);
                TrackingToken head = catchUp(List.of(target), position, null);
                inSwitch.accept(target);
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
            beforeRestart.run();
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

    private RebuildProgress update(Target target, String phase, long more) {
        int failedThreads = target.heldBack().size();
        return target.state().updateAndGet(current -> {
            long processed = current.processed() + more;
            long total = Math.max(current.total(), processed);
            double seconds = Math.max(0.001,
                    Duration.between(current.startedAt(), clock.instant()).toMillis() / 1000.0);
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

    /** A read model being rebuilt: its projection into the new tables, its progress, and the threads it holds back. */
    private static final class Target {

        private final Rebuildable projection;
        private final AtomicReference<RebuildProgress> state;
        /** Per thread held back, its events from the one the projection failed on (with the failure) onwards. */
        private final Map<String, List<DeadLetter<EventMessage<?>>>> heldBack = new LinkedHashMap<>();
        private Rebuildable.Projector projector;

        Target(Rebuildable projection, AtomicReference<RebuildProgress> state) {
            this.projection = projection;
            this.state = state;
        }

        String group() {
            return projection.group();
        }

        Rebuildable projection() {
            return projection;
        }

        AtomicReference<RebuildProgress> state() {
            return state;
        }

        Map<String, List<DeadLetter<EventMessage<?>>>> heldBack() {
            return heldBack;
        }

        void open(String suffix) {
            projector = projection.into(suffix);
        }

        /**
         * As live, an event the projection fails on holds back its thread's later events and nothing else; a
         * rebuild leaves them to the live dead-letter queue, which already has them, an initial build puts them there.
         */
        void project(ThreadEvent event, DomainEventMessage<?> message) {
            String thread = event.threadId().value();
            List<DeadLetter<EventMessage<?>>> held = heldBack.get(thread);
            if (held != null) {
                held.add(new GenericDeadLetter<>(thread, message));
                return;
            }
            try {
                projector.project(event, message);
            } catch (RuntimeException e) {
                List<DeadLetter<EventMessage<?>>> letters = new ArrayList<>();
                letters.add(new GenericDeadLetter<>(thread, message, e));
                heldBack.put(thread, letters);
                LOG.warn("Rebuild of {}: thread {} stops at event {} ({}): {}", group(), thread,
                        message.getSequenceNumber(), event.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
