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
     * @param threadsPerPass the most threads held at once: passes are planned from the recorded heads to hold
     *                       fewer, and a pass that meets more narrows to the lower three quarters of its threads
     *                       and leaves the rest to the passes after it
     */
    public static VerificationReport ledger(List<Digest> digests, DigestVerifier key, LedgerSource source,
                                            int threadsPerPass) {
        long started = System.nanoTime();
        Optional<Problem> digestProblem = key.check(digests);
        Digest latest = digests.isEmpty() ? null : digests.get(digests.size() - 1);
        // A digest that fails its signature cannot be trusted to say what is sealed: chains are still checked.
        Digest sealing = digestProblem.isPresent() ? null : latest;
        LedgerVerifier verifier = new LedgerVerifier(sealing, threadsPerPass);
        List<String> planned = plan(sealing == null ? null : source.sealedHeads(sealing, ThreadRange.ALL),
                threadsPerPass);
        // Each pass starts where the one before ended and runs to the next planned end, or narrows its range when
        // it meets more threads than it may hold, so the passes run in thread order and the roots fold in it.
        String from = null;
        try (Handover handover = new Handover()) {
            do {
                Pass pass = new Pass(verifier, new ThreadRange(from, plannedEnd(planned, from)), threadsPerPass);
                do {
                    pass.narrowed = false;
                    handover.stream(sink -> source.events(pass.range, pass.after, sink), pass);
                } while (pass.narrowed);
                verifier.endPass(sealing == null ? null : source.sealedHeads(sealing, pass.range));
                from = pass.range.to();
            } while (from != null);
        }
        return VerificationReport.of("ledger", withFirst(digestProblem, verifier.finishLedger()), latest,
                digests.size(), started);
    }

    /**
     * Where passes should end: the recorded heads name nearly every thread, in thread order, so the passes divide
     * them equally, each at most nineteen twentieths of what a pass may hold; they then need no narrowing, and no
     * pass reads the event table for a few threads only (1.29 million threads and 350,000 a pass: four passes,
     * where ranges of a fixed size made a fifth for the remainder). Threads newer than the digest still narrow a
     * pass where they crowd it; heads that were tampered with make the plan worse, never the verification wrong.
     *
     * @param heads the recorded heads in thread order, {@code null} if there are none: then nothing is planned
     */
    static List<String> plan(Iterator<ChainHead> heads, int threadsPerPass) {
        if (heads == null) {
            return List.of();
        }
        long perPass = Math.max(1, threadsPerPass * 19L / 20);
        // Every step-th id is kept until the count is known: ends fall on those, passes equal within a step.
        long step = Math.max(1, perPass / 1000);
        List<String> kept = new ArrayList<>();
        long count = 0;
        for (; heads.hasNext(); count++) {
            String threadId = heads.next().threadId();
            if (count % step == 0) {
                kept.add(threadId);
            }
        }
        long passes = (count + perPass - 1) / perPass;
        List<String> ends = new ArrayList<>();
        for (long pass = 1; pass < passes; pass++) {
            ends.add(kept.get((int) (count * pass / passes / step)));
        }
        return ends;
    }

    /** The first planned end after {@code from} ({@code null}: the first), or {@code null} for no end. */
    private static String plannedEnd(List<String> planned, String from) {
        return planned.stream()
                .filter(end -> from == null || MerkleTree.THREAD_ORDER.compare(end, from) > 0)
                .findFirst().orElse(null);
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
