package dk.dialogue.ledger.query.audit.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies events streamed in global order: each thread's hash chain event by event, and, against the latest
 * signed digest, that the sealed part of the ledger is complete. Holds one small entry per thread, never the
 * events, so a whole ledger or a whole export streams through it.
 */
public final class LedgerVerifier {

    /** Enough to act on; the first is what matters. */
    private static final int MAX_PROBLEMS = 100;

    private final Digest digest;
    private final Map<String, Chain> chains = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private long events;
    private long sealedEvents;
    private long lastPosition = Long.MIN_VALUE;

    /** @param digest the latest digest, already checked for signature and chain; {@code null} if there is none */
    public LedgerVerifier(Digest digest) {
        this.digest = digest;
    }

    public void accept(StoredEvent e) {
        events++;
        if (e.position() <= lastPosition) {
            report(Problem.event(Problem.Kind.OUT_OF_ORDER, e, "event at position " + e.position()
                    + " follows position " + lastPosition));
        }
        lastPosition = Math.max(lastPosition, e.position());
        Chain chain = chains.computeIfAbsent(e.threadId(), id -> new Chain());
        if (e.sequence() > chain.next) {
            report(Problem.event(Problem.Kind.SEQUENCE_GAP, e, "thread " + e.threadId() + " lacks event"
                    + (e.sequence() - chain.next == 1 ? " " + chain.next : "s " + chain.next + " to " + (e.sequence() - 1))
                    + " before event " + e.sequence()));
        } else if (e.sequence() < chain.next) {
            report(Problem.event(Problem.Kind.OUT_OF_ORDER, e, "event " + e.sequence() + " of thread "
                    + e.threadId() + " comes after event " + (chain.next - 1)));
        } else if (!Arrays.equals(Hashes.event(chain.previous, e), e.hash())) {
            report(Problem.event(Problem.Kind.HASH_MISMATCH, e, "event " + e.sequence() + " of thread "
                    + e.threadId() + " (position " + e.position() + ") does not match its hash: it, or the hash, "
                    + "was changed after it was recorded"));
        }
        // The next event is checked against what is stored, so one altered event is reported once.
        chain.previous = e.hash();
        chain.next = Math.max(chain.next, e.sequence() + 1);
        if (digest != null) {
            seal(chain, e);
        }
    }

    private void seal(Chain chain, StoredEvent e) {
        if (e.txId() >= digest.boundaryTxId()) {
            chain.unsealedSeen = true;
            return;
        }
        if (chain.unsealedSeen) {
            report(Problem.event(Problem.Kind.BACKDATED, e, "event " + e.sequence() + " of thread " + e.threadId()
                    + " claims a transaction sealed by digest " + digest.sequence() + " but follows later events"));
        }
        sealedEvents++;
        chain.sealed = new ChainHead(e.threadId(), e.sequence(), e.hash());
    }

    /**
     * Ends verification of the whole ledger (or a whole export).
     *
     * @param recordedHeads the heads the digest sealed as stored beside it, or {@code null} if unavailable;
     *                      they let a mismatch be pinned on a thread
     */
    public Result finishLedger(List<ChainHead> recordedHeads) {
        if (digest != null) {
            List<ChainHead> computed = chains.values().stream().map(c -> c.sealed).filter(h -> h != null).toList();
            boolean headsIntact = recordedHeads == null || signedRoot(recordedHeads);
            if (!headsIntact) {
                report(Problem.digest(Problem.Kind.SEALED_HEADS_ALTERED, digest.sequence(), "the stored chain heads "
                        + "of digest " + digest.sequence() + " do not give its signed root"));
            }
            // Only a mismatch is worth comparing thread by thread, and only against heads that are intact.
            if (!signedRoot(computed) && !(headsIntact && recordedHeads != null && locate(computed, recordedHeads))) {
                report(Problem.digest(Problem.Kind.DIGEST_ROOT_MISMATCH, digest.sequence(), "the " + sealedEvents
                        + " events of " + computed.size() + " threads sealed by digest " + digest.sequence()
                        + " do not give its signed root (it sealed " + digest.eventCount() + " events of "
                        + digest.threadCount() + " threads)"));
            }
        }
        return result();
    }

    private boolean signedRoot(List<ChainHead> heads) {
        return Hashes.hex(MerkleTree.root(heads)).equals(digest.root());
    }

    /**
     * Ends verification of one thread: its chain, and its head against the one the digest sealed.
     *
     * @param recordedHead the thread's head as the digest sealed it, {@code null} if the digest does not know it
     */
    public Result finishThread(String threadId, ChainHead recordedHead) {
        Chain chain = chains.get(threadId);
        ChainHead computed = chain == null ? null : chain.sealed;
        if (digest != null && (computed != null || recordedHead != null)) {
            compare(threadId, computed, recordedHead);
        }
        return result();
    }

    /** Pins a difference on the first thread whose sealed head differs from the recorded one; false if none does. */
    private boolean locate(List<ChainHead> computed, List<ChainHead> recorded) {
        Map<String, ChainHead> mine = new TreeMap<>(MerkleTree.THREAD_ORDER);
        computed.forEach(head -> mine.put(head.threadId(), head));
        Map<String, ChainHead> theirs = new TreeMap<>(MerkleTree.THREAD_ORDER);
        recorded.forEach(head -> theirs.put(head.threadId(), head));
        TreeMap<String, Boolean> all = new TreeMap<>(MerkleTree.THREAD_ORDER);
        mine.keySet().forEach(id -> all.put(id, true));
        theirs.keySet().forEach(id -> all.put(id, true));
        for (String threadId : all.keySet()) {
            if (compare(threadId, mine.get(threadId), theirs.get(threadId))) {
                return true;
            }
        }
        return false;
    }

    private boolean compare(String threadId, ChainHead computed, ChainHead recorded) {
        if (recorded == null) {
            report(Problem.thread(Problem.Kind.UNSEALED_THREAD, threadId, digest.sequence(), "thread " + threadId
                    + " has events in the past sealed by digest " + digest.sequence() + ", which does not know it"));
        } else if (computed == null) {
            report(Problem.thread(Problem.Kind.SEALED_THREAD_MISSING, threadId, digest.sequence(), "thread "
                    + threadId + " was sealed by digest " + digest.sequence() + " with " + (recorded.sequence() + 1)
                    + " events; none of them is stored any more"));
        } else if (computed.sequence() != recorded.sequence() || !Arrays.equals(computed.hash(), recorded.hash())) {
            report(Problem.thread(Problem.Kind.SEALED_HEAD_MISMATCH, threadId, digest.sequence(), "thread " + threadId
                    + " was sealed by digest " + digest.sequence() + " at event " + recorded.sequence() + " (hash "
                    + Hashes.hex(recorded.hash()) + "); the stored events end the sealed part at event "
                    + computed.sequence() + " (hash " + Hashes.hex(computed.hash()) + ")"));
        } else {
            return false;
        }
        return true;
    }

    private void report(Problem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    private Result result() {
        return new Result(events, chains.size(), sealedEvents, List.copyOf(problems));
    }

    /** Where a thread's chain stands while streaming. */
    private static final class Chain {
        private long next;
        private byte[] previous = Hashes.GENESIS;
        private ChainHead sealed;
        private boolean unsealedSeen;
    }

    /**
     * @param sealedEvents events covered by the digest
     * @param problems     in the order found, at most 100; empty when everything verified
     */
    public record Result(long events, long threads, long sealedEvents, List<Problem> problems) {

        public boolean verified() {
            return problems.isEmpty();
        }
    }
}
