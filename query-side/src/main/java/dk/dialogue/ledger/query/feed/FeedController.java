package dk.dialogue.ledger.query.feed;

import dk.dialogue.ledger.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

/** The event feed for downstream services (SUBSCRIBER role): pull with long-poll, or a resumable stream. */
@RestController
@RequestMapping("/api/feed")
@Tag(name = "Feed", description = "Every event, once, at a gapless position, as CloudEvents 1.0")
public class FeedController {

    public static final MediaType CLOUDEVENTS_BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");
    private static final int MAX_LIMIT = 1000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final FeedRepository feed;
    private final FeedStreams streams;

    public FeedController(FeedRepository feed, FeedStreams streams) {
        this.feed = feed;
        this.streams = streams;
    }

    @GetMapping
    @Operation(summary = "The events after a position, oldest first; waits up to 'wait' seconds when there are none yet",
            description = "The Link header (rel=\"next\") names the page after this one, with the same parameters: "
                    + "a client can ask for it before it has read this page's body.")
    public ResponseEntity<List<CloudEvent>> read(
            @Parameter(description = "the last position you have; 0 for the beginning")
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "only these types, e.g. dk.dialogue.ledger.DateProposed.v1 (repeatable)")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "only threads this party takes part in, e.g. municipality-aarhus-kommune")
            @RequestParam(required = false) String party,
            @Parameter(description = "seconds to wait for new events (long poll), at most 30")
            @RequestParam(defaultValue = "0") int wait) {
        if (after < 0) {
            throw new InvalidQuery("after", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQuery("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (wait < 0 || wait > MAX_WAIT.toSeconds()) {
            throw new InvalidQuery("wait", "must be between 0 and " + MAX_WAIT.toSeconds());
        }
        List<String> types = type == null ? List.of() : type;
        long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
        List<CloudEvent> events = feed.after(after, limit, types, party);
        while (events.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            events = feed.after(after, limit, types, party);
        }
        long last = events.isEmpty() ? after : events.get(events.size() - 1).ledgerposition();
        return ResponseEntity.ok().contentType(CLOUDEVENTS_BATCH)
                .header(HttpHeaders.LINK, "<" + next(last, limit, types, party, wait) + ">; rel=\"next\"")
                .body(events);
    }

    /** The next page's address relative to this server (RFC 8288): the same query from the page's last position. */
    private static String next(long after, int limit, List<String> types, String party, int wait) {
        UriComponentsBuilder next = UriComponentsBuilder.fromPath("/api/feed").queryParam("after", after)
                .queryParam("limit", limit);
        types.forEach(type -> next.queryParam("type", type));
        if (party != null) {
            next.queryParam("party", party);
        }
        if (wait > 0) {
            next.queryParam("wait", wait);
        }
        return next.encode().build().toUriString();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events, each with the feed position as its id; reconnect with Last-Event-ID")
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                             @RequestParam(required = false) Long after,
                             @RequestParam(required = false) List<String> type,
                             @RequestParam(required = false) String party) {
        long from = after != null ? after : lastEventId == null ? 0 : parsePosition(lastEventId);
        return streams.open(from, type == null ? List.of() : type, party);
    }

    private static long parsePosition(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQuery("Last-Event-ID", "must be a feed position");
        }
    }
}
