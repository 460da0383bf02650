package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts rebuilds of read models and reports their progress (AUDITOR only). */
@RestController
@RequestMapping("/api/admin/rebuilds")
@Tag(name = "Rebuilds", description = "Rebuild a read model from the full history without downtime")
public class RebuildController {

    private final ProjectionRebuilder rebuilder;

    public RebuildController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @GetMapping
    @Operation(summary = "The read models that can be rebuilt")
    public Set<String> projections() {
        return rebuilder.projections();
    }

    @PostMapping("/{projection}")
    @Operation(summary = "Rebuild one read model; answers 202 with where to follow its progress")
    public ResponseEntity<?> start(@PathVariable String projection) {
        boolean started = known(projection, () -> rebuilder.start(projection));
        if (!started) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "a rebuild of " + projection + " is already running");
            problem.setTitle("Rebuild already running");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.accepted().location(URI.create("/api/admin/rebuilds/" + projection))
                .body(rebuilder.progress(projection));
    }

    @GetMapping("/{projection}")
    @Operation(summary = "Progress of the latest rebuild: percent, events/s, ETA")
    public RebuildProgress progress(@PathVariable String projection) {
        RebuildProgress progress = known(projection, () -> rebuilder.progress(projection));
        if (progress == null) {
            throw new NotFound("no rebuild of " + projection + " has run since this instance started");
        }
        return progress;
    }

    private static <T> T known(String projection, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new NotFound(e.getMessage());
        }
    }
}
