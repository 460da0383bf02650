package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement about the whole ledger at one moment: every event of every transaction older than
 * {@code boundaryTxId} — a set no later commit can change — with the Merkle root over the threads' chain
 * heads. Digests are chained too: each names the hash of the one before, so none can be dropped unseen.
 *
 * @param sequence     1 for the first digest, then one more each time
 * @param boundaryTxId the digest covers exactly the events whose transaction id is lower
 * @param lastPosition the highest global index covered (informative)
 * @param eventCount   events covered
 * @param threadCount  threads covered
 * @param root         hex Merkle root over the covered threads' heads
 * @param previous     hex SHA-256 of the previous digest's statement; 64 zeros for the first
 * @param keyId        hex SHA-256 of the signing public key (X.509 encoding)
 * @param signature    base64 Ed25519 signature of {@link #statement()}
 */
public record Digest(long sequence, Instant createdAt, long boundaryTxId, long lastPosition, long eventCount,
                     long threadCount, String root, String previous, String keyId, String signature) {

    public static final String ENCODING = "dk.dialogue.ledger/digest/v1";

    /** The exact text that is signed: readable, and easy to rebuild with any tool. */
    public String statement() {
        return ENCODING + "\n"
                + "sequence: " + sequence + "\n"
                + "created-at: " + createdAt + "\n"
                + "boundary-tx-id: " + boundaryTxId + "\n"
                + "last-position: " + lastPosition + "\n"
                + "event-count: " + eventCount + "\n"
                + "thread-count: " + threadCount + "\n"
                + "root: " + root + "\n"
                + "previous: " + previous + "\n"
                + "key-id: " + keyId + "\n";
    }

    /** What the next digest names as {@code previous}. */
    public String statementHash() {
        return Hashes.hex(Hashes.sha256(statement().getBytes(StandardCharsets.UTF_8)));
    }

    public Digest signed(String signature) {
        return new Digest(sequence, createdAt, boundaryTxId, lastPosition, eventCount, threadCount, root, previous,
                keyId, signature);
    }
}
