package dk.dialogue.ledger.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.DigestVerifier;
import dk.dialogue.ledger.query.audit.chain.LedgerSource;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import dk.dialogue.ledger.query.audit.chain.Verification;
import dk.dialogue.ledger.query.audit.chain.VerificationReport;
import dk.dialogue.ledger.query.audit.seal.AuditKeys;
import dk.dialogue.ledger.query.audit.seal.DigestRepository;
import dk.dialogue.ledger.query.feed.FeedSchemas;
import dk.dialogue.ledger.query.web.Busy;
import dk.dialogue.ledger.query.web.NotFound;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification of the stored ledger and its export. Both read in one repeatable-read snapshot, so digests,
 * heads and events agree with each other while writers carry on.
 */
@Service
public class TamperEvidence {

    /** The export's format tag; the offline verifier refuses anything else. */
    public static final String EXPORT_FORMAT = "dk.dialogue.ledger/export/v1";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(TamperEvidence.class);

    private final StoredEvents events;
    private final DigestRepository digests;
    private final AuditKeys keys;
    private final FeedSchemas schemas;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final int threadsPerPass;
    private final Semaphore wholeLedger = new Semaphore(1);

    public TamperEvidence(StoredEvents events, DigestRepository digests, AuditKeys keys, FeedSchemas schemas,
                          PlatformTransactionManager transactions, Clock clock,
                          @Value("${ledger.audit.verification.threads-per-pass}") int threadsPerPass) {
        this.events = events;
        this.digests = digests;
        this.keys = keys;
        this.schemas = schemas;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.clock = clock;
        this.threadsPerPass = threadsPerPass;
    }

    /**
     * The whole ledger, or one thread when {@code threadId} is given.
     *
     * @throws Busy while another whole-ledger verification runs: each holds up to {@code threadsPerPass} entries
     */
    public VerificationReport verify(String threadId) {
        if (threadId != null) {
            return verifyInSnapshot(threadId);
        }
        if (!wholeLedger.tryAcquire()) {
            throw new Busy("a verification of the whole ledger is running; one runs at a time", RETRY_AFTER);
        }
        try {
            VerificationReport report = verifyInSnapshot(null);
            LOG.info("Verified the ledger: {} events of {} threads in {} pass(es), {} s: {}", report.events(),
                    report.threads(), report.passes(), String.format(Locale.ROOT, "%.1f", report.seconds()),
                    report.verified() ? "verified" : "NOT verified, " + report.firstProblem().kind());
            return report;
        } finally {
            wholeLedger.release();
        }
    }

    private VerificationReport verifyInSnapshot(String threadId) {
        return snapshot.execute(status -> {
            // Without the key that signed them, digests prove nothing: only the chains are checked then.
            List<Digest> all = keys.signing().isPresent() ? digests.all() : List.of();
            DigestVerifier key = new DigestVerifier(keys.signing().map(k -> k.publicKey()).orElse(null));
            if (threadId == null) {
                return Verification.ledger(all, key, new LedgerSource() {
                    @Override
                    public void events(ThreadRange range, long after, Predicate<StoredEvent> sink) {
                        events.forRange(range, after, sink);
                    }

                    @Override
                    public Iterator<ChainHead> sealedHeads(Digest digest, ThreadRange range) {
                        // The table holds the latest digest's heads, and in this snapshot that is the digest given.
                        return digests.sealedHeads(range);
                    }
                }, threadsPerPass);
            }
            if (events.thread(threadId).isEmpty()) {
                throw new NotFound("no thread " + threadId);
            }
            ChainHead sealed = all.isEmpty() ? null : digests.sealedHead(threadId).orElse(null);
            return Verification.thread(threadId, all, key, sealed, sink -> events.forThread(threadId, sink));
        });
    }

    /**
     * Writes the export: a header, the event types' JSON Schemas, every digest, the chain heads the latest one
     * sealed, every event in global order with its stored bytes and hash, and a trailer with the counts — one
     * JSON object per line.
     */
    public void export(OutputStream out) {
        snapshot.executeWithoutResult(status -> {
            try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out)) {
                json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
                json.writeObject(Map.of("kind", "header", "format", EXPORT_FORMAT, "exportedAt",
                        clock.instant().toString(), "eventHash", "dk.dialogue.ledger/event/v1",
                        "digest", Digest.ENCODING,
                        "publicKey", keys.signing().map(k -> k.publicKeyPem()).orElse("")));
                for (Map.Entry<String, JsonNode> schema : schemas.all().entrySet()) {
                    json.writeObject(Map.of("kind", "schema", "type", schema.getKey(), "schema", schema.getValue()));
                }
                List<Digest> all = keys.signing().isPresent() ? digests.all() : List.of();
                for (Digest digest : all) {
                    json.writeObject(ExportLines.digest(digest));
                }
                if (!all.isEmpty()) {
                    long latest = all.get(all.size() - 1).sequence();
                    Iterator<ChainHead> heads = digests.sealedHeads(ThreadRange.ALL);
                    while (heads.hasNext()) {
                        json.writeObject(ExportLines.head(latest, heads.next()));
                    }
                }
                long[] count = {0};
                events.forRange(ThreadRange.ALL, Long.MIN_VALUE, e -> {
                    write(json, e);
                    count[0]++;
                    return true;
                });
                json.writeObject(Map.of("kind", "end", "events", count[0], "digests", all.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("export interrupted", e);
            }
        });
    }

    private static void write(JsonGenerator json, StoredEvent e) {
        try {
            ExportLines.event(json, e);
        } catch (IOException failed) {
            throw new UncheckedIOException("export interrupted", failed);
        }
    }
}
