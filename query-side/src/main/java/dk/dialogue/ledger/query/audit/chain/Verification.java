package dk.dialogue.ledger.query.audit.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The verification procedure, the same on the server and offline: digests against the auditor's key, then
 * every event's chain link, then completeness against the latest digest.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * @param digests        every digest, oldest first
     * @param source         the events and the recorded heads, by range of threads
     * @param threadsPerPass the most threads held at once: beyond it the pass narrows to the lower three quarters
     *                       of its threads and the rest are left to the passes after it
     */
    public static VerificationReport ledger(List<Digest> digests, DigestVerifier key, LedgerSource source,
                                            int threadsPerPass) {
        long started = System.nanoTime();
        Optional<Problem> digestProblem = key.check(digests);
        Digest latest = digests.isEmpty() ? null : digests.get(digests.size() - 1);
        // A digest that fails its signature cannot be trusted to say what is sealed: chains are still checked.
        Digest sealing = digestProblem.isPresent() ? null : latest;
        LedgerVerifier verifier = new LedgerVerifier(sealing, threadsPerPass);
        // Each pass starts with every thread not verified yet and ends its range where it had to narrow it, so
        // the passes run in thread order, the roots fold in it, and each holds as many threads as it may.
        ThreadRange rest = ThreadRange.ALL;
        try (Handover handover = new Handover()) {
            while (rest != null) {
                Pass pass = new Pass(verifier, rest, threadsPerPass);
                do {
                    pass.narrowed = false;
                    handover.stream(sink -> source.events(pass.range, pass.after, sink), pass);
                } while (pass.narrowed);
                verifier.endPass(sealing == null ? null : source.sealedHeads(sealing, pass.range));
                rest = pass.range.to() == null ? null : new ThreadRange(pass.range.to(), null);
            }
        }
        return VerificationReport.of("ledger", withFirst(digestProblem, verifier.finishLedger()), latest,
                digests.size(), started);
    }

    /**
     * Feeds one range's events to the verifier (on the {@link Handover}'s thread), and narrows the range when it
     * holds too many threads.
     */
    private static final class Pass implements Predicate<StoredEvent> {

        private final LedgerVerifier verifier;
        private final int threadsPerPass;
        private ThreadRange range;
        private long after = Long.MIN_VALUE;
        /** Set when the range was narrowed: the source must go on from {@code after} with the narrower range. */
        private boolean narrowed;

        private Pass(LedgerVerifier verifier, ThreadRange range, int threadsPerPass) {
            this.verifier = verifier;
            this.range = range;
            this.threadsPerPass = threadsPerPass;
        }

        @Override
        public boolean test(StoredEvent e) {
            verifier.accept(e);
            after = e.position();
            if (verifier.threadsInPass() <= threadsPerPass) {
                return true;
            }
            range = verifier.split(range);
            narrowed = true;
            return false;
        }
    }

    /** Recorded heads held in memory, in any order, as a source gives them: the range's, in thread order. */
    public static Iterator<ChainHead> inThreadOrder(List<ChainHead> heads, ThreadRange range) {
        return heads.stream().filter(head -> range.contains(head.threadId()))
                .sorted(Comparator.comparing(ChainHead::threadId, MerkleTree.THREAD_ORDER)).iterator();
    }

    /** One thread's chain, and its head against the latest digest's. */
    public static VerificationReport thread(String threadId, List<Digest> digests, DigestVerifier key,
                                            ChainHead sealedHead, Consumer<Consumer<StoredEvent>> events) {
        long started = System.nanoTime();
        Optional<Problem> digestProblem = key.check(digests);
        Digest latest = digests.isEmpty() ? null : digests.get(digests.size() - 1);
        LedgerVerifier verifier = new LedgerVerifier(digestProblem.isPresent() ? null : latest, 1);
        events.accept(verifier::accept);
        LedgerVerifier.Result result = verifier.finishThread(threadId, sealedHead);
        return VerificationReport.of(threadId, withFirst(digestProblem, result), latest, digests.size(), started);
    }

    private static LedgerVerifier.Result withFirst(Optional<Problem> problem, LedgerVerifier.Result result) {
        if (problem.isEmpty()) {
            return result;
        }
        List<Problem> all = new ArrayList<>();
        all.add(problem.get());
        all.addAll(result.problems());
        return new LedgerVerifier.Result(result.events(), result.threads(), result.sealedEvents(), result.passes(),
                List.copyOf(all));
    }
}
