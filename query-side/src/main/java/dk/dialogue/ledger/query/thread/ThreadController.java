package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.ThreadKind;
import dk.dialogue.ledger.query.live.ReadModelWaits;
import dk.dialogue.ledger.query.web.InvalidQuery;
import dk.dialogue.ledger.query.web.NotFound;
import dk.dialogue.ledger.query.web.ProjectionBehind;
import dk.dialogue.ledger.query.web.WebConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Where threads stand, for dashboards. */
@RestController
@RequestMapping("/api")
@Tag(name = "Threads", description = "Thread status read model")
public class ThreadController {

    private static final int MAX_PAGE_SIZE = 100;

    /** How long a read-your-writes read waits for an announcement before it looks again anyway. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(200);

    private final ThreadStatusRepository threads;
    private final ThreadStats stats;
    private final ReadModelWaits waits;
    private final Clock clock;
    private final Duration maxWait;

    public ThreadController(ThreadStatusRepository threads, ThreadStats stats, ReadModelWaits waits, Clock clock,
                            @Value("${ledger.read-your-writes.max-wait:5s}") Duration maxWait) {
        this.threads = threads;
        this.stats = stats;
        this.waits = waits;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    @GetMapping("/threads")
    @Operation(summary = "List threads with filters, sort and paging")
    public ThreadPage list(@RequestParam(required = false) List<ThreadStatus> status,
                           @RequestParam(required = false) ThreadKind kind,
                           @Parameter(description = "a party id, e.g. municipality-aarhus-kommune")
                           @RequestParam(required = false) String party,
                           @Parameter(description = "first letter dated on or after")
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                           @Parameter(description = "first letter dated on or before")
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                           @RequestParam(required = false) Boolean overdue,
                           @Parameter(description = "words in subjects, letter texts, references, parties or people")
                           @RequestParam(required = false) String q,
                           @Parameter(description = "letterDate, lastRecordedAt, subject, status, deadline or "
                                   + "meetingStart; prefix - for descending")
                           @RequestParam(defaultValue = "-lastRecordedAt") String sort,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new InvalidQuery("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidQuery("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQuery("from", "must not be after 'to'");
        }
        if (q != null && q.length() > 500) {
            throw new InvalidQuery("q", "must be at most 500 characters");
        }
        boolean descending = sort.startsWith("-");
        ThreadQuery.Sort order = sortBy(descending ? sort.substring(1) : sort);
        return threads.list(new ThreadQuery(status == null ? List.of() : status, kind, party, from, to, overdue,
                q == null || q.isBlank() ? null : q, order, descending, page, size), today());
    }

    @GetMapping("/threads/{threadId}")
    @Operation(summary = "One thread; with minVersion, wait (bounded) until the read model reflects that version")
    public ResponseEntity<ThreadDetail> get(@PathVariable String threadId,
                                            @Parameter(description = "the version a command answered with")
                                            @RequestParam(required = false) Long minVersion,
                                            WebRequest request) {
        FoldedThread thread = minVersion == null ? threads.find(threadId).orElseThrow(() -> notFound(threadId))
                : awaitVersion(threadId, minVersion);
        String etag = "\"" + thread.view().version() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(ThreadDetail.of(thread, today()));
    }

    @GetMapping("/stats")
    @Operation(summary = "Counts of threads by status, kind and party, and how many are overdue",
            description = "Counted at most once per ledger.stats.max-age; the Age header says how long ago")
    public ResponseEntity<Map<String, Map<String, Long>>> stats() {
        ThreadStats.Counted counted = stats.current(today());
        return ResponseEntity.ok().header("Age", Long.toString(counted.ageSeconds(clock.instant())))
                .body(counted.counts());
    }

    /**
     * Read-your-writes: reads the read model again each time the thread's change is announced (and at least every
     * {@link #LOOK_AGAIN}, should an announcement be lost with the listening connection), until it reaches the
     * version or the configured time is up.
     */
    private FoldedThread awaitVersion(String threadId, long minVersion) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            ReadModelWaits.Wait change = waits.next(ThreadStatusProjection.GROUP, threadId);
            Optional<FoldedThread> thread = threads.find(threadId);
            if (thread.isPresent() && thread.get().view().version() >= minVersion) {
                return thread.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                throw new ProjectionBehind(threadId, minVersion,
                        thread.map(found -> found.view().version()).orElse(0L));
            }
            change.await(Duration.ofNanos(Math.min(left, LOOK_AGAIN.toNanos())));
        }
    }

    private static ThreadQuery.Sort sortBy(String name) {
        return switch (name) {
            case "letterDate" -> ThreadQuery.Sort.LETTER_DATE;
            case "lastRecordedAt" -> ThreadQuery.Sort.LAST_RECORDED_AT;
            case "subject" -> ThreadQuery.Sort.SUBJECT;
            case "status" -> ThreadQuery.Sort.STATUS;
            case "deadline" -> ThreadQuery.Sort.DEADLINE;
            case "meetingStart" -> ThreadQuery.Sort.MEETING_START;
            default -> throw new InvalidQuery("sort", "must be one of letterDate, lastRecordedAt, subject, status, "
                    + "deadline, meetingStart, optionally prefixed with -");
        };
    }

    private static NotFound notFound(String threadId) {
        return new NotFound("thread " + threadId + " is not in the read model");
    }

    private LocalDate today() {
        return WebConfiguration.today(clock);
    }
}
