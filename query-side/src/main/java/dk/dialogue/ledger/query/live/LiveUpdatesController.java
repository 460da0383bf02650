package dk.dialogue.ledger.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live read-model changes as Server-Sent Events, from whichever instance committed them. */
@RestController
@Tag(name = "Live updates", description = "Server-Sent Events of read-model changes")
public class LiveUpdatesController {

    private final LiveUpdates updates;

    public LiveUpdatesController(LiveUpdates updates) {
        this.updates = updates;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "A 'change' event {readModel, threadId, version} each time a read model commits a change")
    public SseEmitter stream(@Parameter(description = "only this thread") @RequestParam(required = false) String thread,
                             @Parameter(description = "only threads of this party id")
                             @RequestParam(required = false) String party) {
        return updates.subscribe(thread, party);
    }
}
