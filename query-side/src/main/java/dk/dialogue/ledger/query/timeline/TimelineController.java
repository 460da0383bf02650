package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A thread's history as readable lines, for dashboards and auditors. */
@RestController
@RequestMapping("/api")
@Tag(name = "Timeline", description = "Timeline read model")
public class TimelineController {

    private final TimelineRepository timeline;

    public TimelineController(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/threads/{threadId}/timeline")
    @Operation(summary = "Every event of a thread as one line, oldest first, with both clocks and who recorded it")
    public Timeline get(@PathVariable String threadId) {
        List<TimelineEntry> entries = timeline.list(threadId);
        if (entries.isEmpty()) {
            throw new NotFound("thread " + threadId + " is not in the timeline");
        }
        return new Timeline(threadId, entries);
    }

    /** The answer: the thread and its entries. */
    public record Timeline(String threadId, List<TimelineEntry> entries) {
    }
}
