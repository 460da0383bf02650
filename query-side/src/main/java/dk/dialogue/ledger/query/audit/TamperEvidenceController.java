package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.VerificationReport;
import dk.dialogue.ledger.query.audit.seal.AuditKeys;
import dk.dialogue.ledger.query.audit.seal.DigestRepository;
import dk.dialogue.ledger.query.audit.seal.Sealer;
import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Verification, digests, the public key and the export. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
public class TamperEvidenceController {

    private final TamperEvidence evidence;
    private final DigestRepository digests;
    private final Sealer sealer;
    private final AuditKeys keys;
    private final Clock clock;

    public TamperEvidenceController(TamperEvidence evidence, DigestRepository digests, Sealer sealer, AuditKeys keys,
                                    Clock clock) {
        this.evidence = evidence;
        this.digests = digests;
        this.sealer = sealer;
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute every hash chain and check the latest signed digest; names the first broken link")
    public VerificationReport verify(@Parameter(description = "verify only this thread")
                                     @RequestParam(required = false) String thread) {
        return evidence.verify(thread);
    }

    /**
     * Written on the request's own thread, not as an asynchronous {@code StreamingResponseBody}: those end at the
     * container's async time-out (30 s), which cut a 10,000,000-event export off after 7 million lines.
     */
    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @Operation(summary = "Every event in global order with its hash, the digests and the JSON Schemas, as NDJSON")
    public void export(HttpServletResponse response) throws IOException {
        response.setContentType("application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"ledger-export-"
                + clock.instant().toString().replace(':', '-') + ".ndjson\"");
        evidence.export(response.getOutputStream());
    }

    @GetMapping("/digests")
    @Operation(summary = "Every signed digest, oldest first")
    public List<Digest> digests() {
        return digests.all();
    }

    @GetMapping("/digests/latest")
    public Digest latest() {
        return digests.latest().orElseThrow(() -> new NotFound("no digest has been made yet"));
    }

    @GetMapping("/digests/{sequence}")
    public Digest digest(@PathVariable long sequence) {
        return digests.find(sequence).orElseThrow(() -> new NotFound("no digest " + sequence));
    }

    @PostMapping("/digests")
    @Operation(summary = "Seal now: a signed digest over everything committed (the latest one if nothing is new)")
    public ResponseEntity<Digest> seal() {
        if (keys.signing().isEmpty()) {
            throw new NotFound("no digest signing key is configured");
        }
        long before = digests.latest().map(Digest::sequence).orElse(0L);
        Optional<Digest> digest = sealer.seal();
        if (digest.isEmpty()) {
            throw new NotFound("the ledger is empty: nothing to seal");
        }
        return ResponseEntity.status(digest.get().sequence() > before ? HttpStatus.CREATED : HttpStatus.OK)
                .body(digest.get());
    }

    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    @Operation(summary = "The Ed25519 public key that verifies the digests (PEM); keep a copy outside the system")
    public String publicKey() {
        return keys.signing().orElseThrow(() -> new NotFound("no digest signing key is configured")).publicKeyPem();
    }
}
