package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.query.rebuild.Certification;
import dk.dialogue.ledger.query.rebuild.ProjectionRebuilder;
import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Certified rebuilds: every read model rebuilt from the history into scratch tables and compared with the live
 * one, in the background; the report lists every difference (none expected).
 */
@RestController
@RequestMapping("/api/audit/certified-rebuilds")
@Tag(name = "Audit")
public class CertifiedRebuilds {

    private static final Logger LOG = LoggerFactory.getLogger(CertifiedRebuilds.class);

    private final ProjectionRebuilder rebuilder;
    private final Clock clock;
    private final Duration settle;
    private final AtomicReference<Report> latest = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "certified-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public CertifiedRebuilds(ProjectionRebuilder rebuilder, Clock clock,
                             @Value("${ledger.audit.certify-settle-timeout:30s}") Duration settle) {
        this.rebuilder = rebuilder;
        this.clock = clock;
        this.settle = settle;
    }

    @PostMapping
    @Operation(summary = "Start a certified rebuild of every read model; 409 while one runs")
    public synchronized ResponseEntity<Report> start() {
        Report current = latest.get();
        if (current != null && current.finishedAt() == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(current);
        }
        Report running = new Report("RUNNING", clock.instant(), null, List.of(), null);
        latest.set(running);
        worker.submit(this::run);
        return ResponseEntity.accepted().location(URI.create("/api/audit/certified-rebuilds/latest")).body(running);
    }

    @GetMapping("/latest")
    @Operation(summary = "The latest certified rebuild's report, running or finished")
    public Report latest() {
        Report report = latest.get();
        if (report == null) {
            throw new NotFound("no certified rebuild has run on this instance");
        }
        return report;
    }

    private void run() {
        Instant started = latest.get().startedAt();
        List<Certification> done = new ArrayList<>();
        try {
            for (String projection : rebuilder.projections()) {
                done.add(rebuilder.certify(projection, settle));
                latest.set(new Report("RUNNING", started, null, List.copyOf(done), null));
            }
            latest.set(new Report("DONE", started, clock.instant(), List.copyOf(done), null));
        } catch (RuntimeException e) {
            LOG.error("Certified rebuild failed", e);
            latest.set(new Report("FAILED", started, clock.instant(), List.copyOf(done), e.getMessage()));
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** @param projections one certification per read model, in name order, as they finish */
    public record Report(String state, Instant startedAt, Instant finishedAt, List<Certification> projections,
                         String error) {

        @JsonProperty
        public boolean certified() {
            return "DONE".equals(state) && projections.stream().allMatch(Certification::certified);
        }

        @JsonProperty
        public long differences() {
            return projections.stream().mapToLong(Certification::differences).sum();
        }
    }
}
