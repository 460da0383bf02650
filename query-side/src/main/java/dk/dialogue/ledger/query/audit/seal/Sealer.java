package dk.dialogue.ledger.query.audit.seal;

import dk.dialogue.ledger.query.audit.StoredEvents;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.DigestVerifier;
import dk.dialogue.ledger.query.audit.chain.Hashes;
import dk.dialogue.ledger.query.audit.chain.MerkleTree;
import dk.dialogue.ledger.query.audit.chain.SigningKey;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the ledger: a signed {@link Digest} over everything committed so far, made periodically (and on
 * request) by one instance at a time. Incremental: only threads that changed since the last digest are read.
 */
@Service
public class Sealer {

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);
    /** Advisory lock key: one sealer at a time across instances. */
    private static final long LOCK = 0x4c45444745520002L;

    private final StoredEvents events;
    private final DigestRepository digests;
    private final AuditKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    public Sealer(StoredEvents events, DigestRepository digests, AuditKeys keys, JdbcTemplate jdbc,
                  PlatformTransactionManager transactions, Clock clock) {
        this.events = events;
        this.digests = digests;
        this.keys = keys;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for the boundary and every row read, so the digest describes exactly one state.
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.audit.seal-interval:PT1M}",
            initialDelayString = "${ledger.audit.seal-interval:PT1M}")
    public void sealPeriodically() {
        if (keys.signing().isPresent()) {
            try {
                seal();
            } catch (RuntimeException e) {
                LOG.warn("Sealing failed; the next attempt follows at the next interval", e);
            }
        }
    }

    /**
     * Seals what was committed since the last digest; returns the latest digest, new or not (empty only while
     * the ledger is empty).
     *
     * @throws IllegalStateException without a signing key
     */
    public Optional<Digest> seal() {
        SigningKey key = keys.signing().orElseThrow(() -> new IllegalStateException(
                "no digest signing key is configured (ledger.audit.signing-key or ledger.audit.signing-key-file)"));
        long started = System.nanoTime();
        return snapshot.execute(status -> {
            Optional<Digest> latest = digests.latest();
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return latest;
            }
            long from = latest.map(Digest::boundaryTxId).orElse(0L);
            long boundary = jdbc.queryForObject("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
                    Long.class);
            String range = " FROM " + events.table() + " WHERE tx_id >= (?::bigint)::text::xid8 "
                    + "AND tx_id < (?::bigint)::text::xid8";
            Map<String, Object> added = jdbc.queryForMap("SELECT count(*) AS n, max(global_index) AS last" + range,
                    from, boundary);
            long count = ((Number) added.get("n")).longValue();
            if (count == 0) {
                return latest;
            }
            long sequence = latest.map(Digest::sequence).orElse(0L) + 1;
            // The changed heads go from the event store into the history and the current heads without passing
            // through here, so a first seal of a large ledger holds no more in memory than a later one.
            jdbc.update("WITH changed AS (INSERT INTO audit_digest_head (thread_id, digest_sequence, sequence_number, "
                    + "event_hash) SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, ?, sequence_number, "
                    + "event_hash" + range + " ORDER BY aggregate_identifier, sequence_number DESC "
                    + "RETURNING thread_id, sequence_number, event_hash) "
                    + "INSERT INTO audit_sealed_head (thread_id, sequence_number, event_hash) SELECT * FROM changed "
                    + "ON CONFLICT (thread_id) DO UPDATE SET sequence_number = EXCLUDED.sequence_number, "
                    + "event_hash = EXCLUDED.event_hash", sequence, from, boundary);
            MerkleTree.Builder heads = new MerkleTree.Builder();
            digests.sealedHeads(ThreadRange.ALL).forEachRemaining(heads::add);
            Digest digest = key.sign(new Digest(sequence, clock.instant().truncatedTo(ChronoUnit.MILLIS), boundary,
                    Math.max(latest.map(Digest::lastPosition).orElse(0L), ((Number) added.get("last")).longValue()),
                    latest.map(Digest::eventCount).orElse(0L) + count, heads.count(), Hashes.hex(heads.root()),
                    latest.map(Digest::statementHash).orElse(DigestVerifier.firstPrevious()), key.keyId(), null));
            digests.insert(digest);
            LOG.info("Sealed digest {}: {} events of {} threads, root {}, in {} ms", digest.sequence(),
                    digest.eventCount(), digest.threadCount(), digest.root(),
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(digest);
        });
    }
}
