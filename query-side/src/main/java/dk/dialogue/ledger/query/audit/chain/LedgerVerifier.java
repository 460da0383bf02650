package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Verifies events streamed in global order: each thread's hash chain event by event, and, against the latest
 * signed digest, that the sealed part of the ledger is complete. Holds one small entry per thread, never the
 * events ({@link ChainTable}). A large ledger is verified in passes, each over a range of threads in thread order
 * ({@link #endPass}), so that the entries of one range at a time are held and the Merkle roots still fold in
 * order.
 */
public final class LedgerVerifier {

    /** Enough to act on; the first is what matters. */
    private static final int MAX_PROBLEMS = 100;

    private final Digest digest;
    private final ChainTable chains;
    /** This pass's problems, in the order of the events they concern. */
    private final List<Problem> passProblems = new ArrayList<>();
    /** The problems of the passes before, each pass's in event order. */
    private final List<Problem> eventProblems = new ArrayList<>();
    private final MerkleTree.Builder computedRoot = new MerkleTree.Builder();
    private final MerkleTree.Builder recordedRoot = new MerkleTree.Builder();
    private boolean recordedAvailable = true;
    /** The first thread, in thread order, whose computed sealed head differs from the recorded one. */
    private Problem firstDifference;
    private int passes;
    private long events;
    private long threads;
    private long sealedEvents;
    private long lastPosition = Long.MIN_VALUE;

    /**
     * @param digest     the latest digest, already checked for signature and chain; {@code null} if there is none
     * @param maxThreads the most threads a pass will hold before it is split
     */
    public LedgerVerifier(Digest digest, int maxThreads) {
        this.digest = digest;
        this.chains = new ChainTable((int) Math.min(Integer.MAX_VALUE, maxThreads + 1L));
    }

    public void accept(StoredEvent e) {
        if (e.position() <= lastPosition) {
            report(Problem.event(Problem.Kind.OUT_OF_ORDER, e, "event at position " + e.position()
                    + " follows position " + lastPosition));
        }
        lastPosition = Math.max(lastPosition, e.position());
        int chain = chains.findOrAdd(e.threadId().getBytes(StandardCharsets.UTF_8));
        long next = chains.next(chain);
        if (e.sequence() > next) {
            report(Problem.event(Problem.Kind.SEQUENCE_GAP, e, "thread " + e.threadId() + " lacks event"
                    + (e.sequence() - next == 1 ? " " + next : "s " + next + " to " + (e.sequence() - 1))
                    + " before event " + e.sequence()));
        } else if (e.sequence() < next) {
            report(Problem.event(Problem.Kind.OUT_OF_ORDER, e, "event " + e.sequence() + " of thread "
                    + e.threadId() + " comes after event " + (next - 1)));
        } else if (!Arrays.equals(Hashes.event(chains.previous(chain), e), e.hash())) {
            report(Problem.event(Problem.Kind.HASH_MISMATCH, e, "event " + e.sequence() + " of thread "
                    + e.threadId() + " (position " + e.position() + ") does not match its hash: it, or the hash, "
                    + "was changed after it was recorded"));
        }
        // The next event is checked against what is stored, so one altered event is reported once.
        chains.link(chain, e.sequence(), e.hash());
        if (digest != null) {
            seal(chain, e);
        }
    }

    private void seal(int chain, StoredEvent e) {
        if (e.txId() >= digest.boundaryTxId()) {
            chains.markUnsealed(chain);
            return;
        }
        if (chains.unsealedSeen(chain)) {
            report(Problem.event(Problem.Kind.BACKDATED, e, "event " + e.sequence() + " of thread " + e.threadId()
                    + " claims a transaction sealed by digest " + digest.sequence() + " but follows later events"));
        }
        chains.sealLast(chain, e.sequence());
    }

    /** Threads held by this pass so far. */
    public int threadsInPass() {
        return chains.size();
    }

    /**
     * Narrows this pass to the lower three quarters of its threads, which it keeps, and forgets the rest and
     * their problems for a later pass: the more a pass keeps, the fewer passes read the event table. The problems
     * kept stay the first ones: any the limit cut off come after a hundred that the passes, between them, find
     * again.
     *
     * @return the narrower range the pass keeps on with; the threads from its end on are left for later passes
     */
    public ThreadRange split(ThreadRange range) {
        int[] order = chains.inThreadOrder();
        int keep = Math.max(1, Math.min(order.length - 1, order.length * 3 / 4));
        byte[] at = chains.id(order[keep]);
        chains.retainBelow(at);
        passProblems.removeIf(p -> Arrays.compareUnsigned(p.threadId().getBytes(StandardCharsets.UTF_8), at) >= 0);
        return range.below(new String(at, StandardCharsets.UTF_8));
    }

    /**
     * Ends a pass over a range of threads: their sealed heads join the Merkle roots, in thread order, beside the
     * recorded heads of the same range.
     *
     * @param recordedHeads the digest's heads of the range as stored beside it, in thread order, or {@code null}
     *                      if unavailable; they let a mismatch be pinned on a thread
     */
    public void endPass(Iterator<ChainHead> recordedHeads) {
        if (recordedHeads == null) {
            recordedAvailable = false;
        }
        if (digest != null) {
            merge(chains.inThreadOrder(), recordedHeads == null ? List.<ChainHead>of().iterator() : recordedHeads);
        }
        for (int chain = 0; chain < chains.size(); chain++) {
            events += chains.events(chain);
            sealedEvents += chains.sealedEvents(chain);
        }
        threads += chains.size();
        passes++;
        chains.clear();
        eventProblems.addAll(passProblems);
        passProblems.clear();
        lastPosition = Long.MIN_VALUE;
    }

    /** Walks the pass's threads and the recorded heads together, both in thread order. */
    private void merge(int[] mine, Iterator<ChainHead> theirs) {
        int at = 0;
        byte[] computedId = mine.length == 0 ? null : chains.id(mine[0]);
        ChainHead recorded = theirs.hasNext() ? theirs.next() : null;
        byte[] recordedId = recorded == null ? null : recorded.threadId().getBytes(StandardCharsets.UTF_8);
        while (computedId != null || recorded != null) {
            int order = computedId == null ? 1 : recorded == null ? -1 : Arrays.compareUnsigned(computedId, recordedId);
            ChainHead head = order <= 0 ? chains.sealedHead(mine[at]) : null;
            if (head != null) {
                computedRoot.add(computedId, head);
            }
            if (order >= 0) {
                recordedRoot.add(recordedId, recorded);
            }
            if (firstDifference == null && (head != null || order >= 0)) {
                firstDifference = compare(order <= 0 ? chains.threadId(mine[at]) : recorded.threadId(), head,
                        order >= 0 ? recorded : null);
            }
            if (order <= 0) {
                computedId = ++at < mine.length ? chains.id(mine[at]) : null;
            }
            if (order >= 0) {
                recorded = theirs.hasNext() ? theirs.next() : null;
                recordedId = recorded == null ? null : recorded.threadId().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Ends verification of the whole ledger (or a whole export), after the last pass. */
    public Result finishLedger() {
        List<Problem> all = new ArrayList<>(eventProblems);
        if (passes > 1) {
            // Each pass found its own in event order; one pass keeps the order found, out-of-order events included.
            all.sort(Comparator.comparing(Problem::position));
        }
        List<Problem> problems = new ArrayList<>(all.subList(0, Math.min(all.size(), MAX_PROBLEMS)));
        if (digest != null) {
            boolean headsIntact = !recordedAvailable || signed(recordedRoot);
            if (!headsIntact) {
                problems.add(Problem.digest(Problem.Kind.SEALED_HEADS_ALTERED, digest.sequence(), "the stored chain "
                        + "heads of digest " + digest.sequence() + " do not give its signed root"));
            }
            // A thread is named only where the recorded heads are intact, or the alteration would be its cause.
            if (!signed(computedRoot)) {
                problems.add(headsIntact && recordedAvailable && firstDifference != null ? firstDifference
                        : Problem.digest(Problem.Kind.DIGEST_ROOT_MISMATCH, digest.sequence(), "the "
                        + sealedEvents + " events of " + computedRoot.count() + " threads sealed by digest "
                        + digest.sequence() + " do not give its signed root (it sealed " + digest.eventCount()
                        + " events of " + digest.threadCount() + " threads)"));
            }
        }
        return new Result(events, threads, sealedEvents, passes, List.copyOf(problems.subList(0,
                Math.min(problems.size(), MAX_PROBLEMS))));
    }

    private boolean signed(MerkleTree.Builder tree) {
        return Hashes.hex(tree.root()).equals(digest.root());
    }

    /**
     * Ends verification of one thread: its chain, and its head against the one the digest sealed.
     *
     * @param recordedHead the thread's head as the digest sealed it, {@code null} if the digest does not know it
     */
    public Result finishThread(String threadId, ChainHead recordedHead) {
        int chain = chains.find(threadId.getBytes(StandardCharsets.UTF_8));
        ChainHead computed = chain < 0 ? null : chains.sealedHead(chain);
        List<Problem> problems = new ArrayList<>(passProblems);
        if (digest != null && (computed != null || recordedHead != null)) {
            Problem difference = compare(threadId, computed, recordedHead);
            if (difference != null && problems.size() < MAX_PROBLEMS) {
                problems.add(difference);
            }
        }
        return new Result(chain < 0 ? 0 : chains.events(chain), chain < 0 ? 0 : 1,
                chain < 0 ? 0 : chains.sealedEvents(chain), 1, List.copyOf(problems));
    }

    /** What is wrong with a thread's sealed head; {@code null} if nothing is. */
    private Problem compare(String threadId, ChainHead computed, ChainHead recorded) {
        if (recorded == null) {
            return Problem.thread(Problem.Kind.UNSEALED_THREAD, threadId, digest.sequence(), "thread " + threadId
                    + " has events in the past sealed by digest " + digest.sequence() + ", which does not know it");
        } else if (computed == null) {
            return Problem.thread(Problem.Kind.SEALED_THREAD_MISSING, threadId, digest.sequence(), "thread "
                    + threadId + " was sealed by digest " + digest.sequence() + " with " + (recorded.sequence() + 1)
                    + " events; none of them is stored any more");
        } else if (computed.sequence() != recorded.sequence() || !Arrays.equals(computed.hash(), recorded.hash())) {
            return Problem.thread(Problem.Kind.SEALED_HEAD_MISMATCH, threadId, digest.sequence(), "thread "
                    + threadId + " was sealed by digest " + digest.sequence() + " at event " + recorded.sequence()
                    + " (hash " + Hashes.hex(recorded.hash()) + "); the stored events end the sealed part at event "
                    + computed.sequence() + " (hash " + Hashes.hex(computed.hash()) + ")");
        }
        return null;
    }

    private void report(Problem problem) {
        if (passProblems.size() < MAX_PROBLEMS) {
            passProblems.add(problem);
        }
    }

    /**
     * @param sealedEvents events covered by the digest
     * @param passes       reads of the events, one per range of threads
     * @param problems     in the order found, at most 100; empty when everything verified
     */
    public record Result(long events, long threads, long sealedEvents, int passes, List<Problem> problems) {

        public boolean verified() {
            return problems.isEmpty();
        }
    }
}
