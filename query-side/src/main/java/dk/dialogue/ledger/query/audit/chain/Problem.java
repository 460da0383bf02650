package dk.dialogue.ledger.query.audit.chain;

/**
 * One discrepancy found by verification, placed as precisely as the evidence allows.
 *
 * @param position the global index of the event where the chain breaks, when one event is to blame
 * @param threadId the thread concerned, if any
 * @param sequence the event's sequence number in its thread, if any
 * @param digest   the digest concerned, if any
 * @param detail   one sentence for a person
 */
public record Problem(Kind kind, Long position, String threadId, Long sequence, Long digest, String detail) {

    /** What is wrong. */
    public enum Kind {
        /** The stored event does not hash to its stored hash given its predecessor: some stored byte changed. */
        HASH_MISMATCH,
        /** Events of a thread are missing between two stored ones. */
        SEQUENCE_GAP,
        /** An event is stored out of its thread's order, or twice, or out of global order in an export. */
        OUT_OF_ORDER,
        /** An event dated into the sealed past appears after events that were not sealed yet. */
        BACKDATED,
        /** A thread's sealed head differs from the stored events: its last sealed events were removed or changed. */
        SEALED_HEAD_MISMATCH,
        /** A thread the digest sealed has no sealed events any more. */
        SEALED_THREAD_MISSING,
        /** A thread with sealed events that the digest does not know: inserted into the sealed past. */
        UNSEALED_THREAD,
        /** The stored copy of the digest's chain heads does not give the signed root. */
        SEALED_HEADS_ALTERED,
        /** The events covered by the digest do not give its signed root. */
        DIGEST_ROOT_MISMATCH,
        /** A digest is not signed by the key the auditor holds. */
        DIGEST_SIGNATURE_INVALID,
        /** A digest does not name its predecessor's hash. */
        DIGEST_CHAIN_BROKEN,
        /** A digest is missing from the sequence of digests. */
        DIGEST_MISSING,
        /** An export ends before its trailer, or its trailer's counts disagree. */
        EXPORT_INCOMPLETE
    }

    static Problem event(Kind kind, StoredEvent e, String detail) {
        return new Problem(kind, e.position(), e.threadId(), e.sequence(), null, detail);
    }

    static Problem thread(Kind kind, String threadId, Long digest, String detail) {
        return new Problem(kind, null, threadId, null, digest, detail);
    }

    public static Problem digest(Kind kind, long digest, String detail) {
        return new Problem(kind, null, null, null, digest, detail);
    }

    public static Problem export(String detail) {
        return new Problem(Kind.EXPORT_INCOMPLETE, null, null, null, null, detail);
    }
}
