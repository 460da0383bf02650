package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.query.feed.FeedSchemas;
import dk.dialogue.ledger.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** History and point-in-time reads for auditors. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
public class AuditController {

    static final int MAX_LIMIT = 1000;

    private final AuditHistory history;
    private final PointInTime pointInTime;
    private final Set<String> eventTypes;

    public AuditController(AuditHistory history, PointInTime pointInTime, FeedSchemas schemas) {
        this.history = history;
        this.pointInTime = pointInTime;
        // dk.dialogue.ledger.DateProposed.v1 -> DateProposed
        this.eventTypes = schemas.all().keySet().stream()
                .map(type -> type.substring(0, type.lastIndexOf('.')))
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .collect(Collectors.toUnmodifiableSet());
    }

    @GetMapping("/threads/{threadId}/history")
    @Operation(summary = "Every event of a thread in order, as stored, with who recorded it when and its chain hash")
    public List<HistoryEntry> threadHistory(@PathVariable String threadId) {
        return history.thread(threadId);
    }

    @GetMapping("/events")
    @Operation(summary = "The global history in position order, a page at a time, with filters")
    public AuditHistory.HistoryPage events(
            @Parameter(description = "return events after this position (the previous page's 'next')")
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "recorded at or after")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant recordedFrom,
            @Parameter(description = "recorded before")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant recordedTo,
            @Parameter(description = "business date on or after")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessFrom,
            @Parameter(description = "business date on or before")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessTo,
            @Parameter(description = "event type, e.g. DateProposed")
            @RequestParam(required = false) String type,
            @Parameter(description = "a party id: events of the threads it takes part in")
            @RequestParam(required = false) String party,
            @RequestParam(required = false) String recordedBy) {
        if (after < 0) {
            throw new InvalidQuery("after", "must be 0 or more");
        }
        checkLimit(limit);
        if (type != null && !eventTypes.contains(type)) {
            throw new InvalidQuery("type", "must be one of " + eventTypes.stream().sorted().toList());
        }
        if (recordedFrom != null && recordedTo != null && !recordedFrom.isBefore(recordedTo)) {
            throw new InvalidQuery("recordedFrom", "must be before 'recordedTo'");
        }
        if (businessFrom != null && businessTo != null && businessFrom.isAfter(businessTo)) {
            throw new InvalidQuery("businessFrom", "must not be after 'businessTo'");
        }
        return history.events(new AuditHistory.Filter(recordedFrom, recordedTo, businessFrom, businessTo, type,
                recordedBy, party), after, limit);
    }

    @GetMapping(value = "/threads/{threadId}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The thread's letters with dates, references and senders (also as CSV: Accept: text/csv)")
    public List<DocumentEntry> documents(@PathVariable String threadId) {
        return history.documents(threadId);
    }

    @GetMapping(value = "/threads/{threadId}/documents", produces = "text/csv")
    public ResponseEntity<String> documentsCsv(@PathVariable String threadId) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + threadId + "-documents.csv\"")
                .body(DocumentsCsv.write(history.documents(threadId)));
    }

    @GetMapping("/threads/{threadId}/as-recorded")
    @Operation(summary = "The thread as the ledger recorded it at a moment: only events recorded up to then")
    public PointInTime.View asRecorded(@PathVariable String threadId,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        return pointInTime.asRecorded(threadId, at);
    }

    @GetMapping("/threads/{threadId}/as-of")
    @Operation(summary = "The thread as of a business date: what had happened by then, including later registrations")
    public PointInTime.View asOf(@PathVariable String threadId,
                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return pointInTime.asOf(threadId, date);
    }

    @GetMapping("/threads")
    @Operation(summary = "Every thread as the ledger recorded it at a moment, by thread id, a page at a time")
    public PointInTime.ThreadsAt threadsAt(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
                                           @Parameter(description = "the previous page's 'next'")
                                           @RequestParam(required = false) String after,
                                           @RequestParam(defaultValue = "100") int limit) {
        checkLimit(limit);
        return pointInTime.threadsAt(at, after, limit);
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQuery("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
