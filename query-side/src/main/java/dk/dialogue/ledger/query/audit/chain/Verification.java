package dk.dialogue.ledger.query.audit.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The verification procedure, the same on the server and offline: digests against the auditor's key, then
 * every event's chain link, then completeness against the latest digest.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * @param digests every digest, oldest first
     * @param heads   the heads the given digest sealed, as stored beside it ({@code null} if unavailable)
     * @param events  streams the events, in global order, into the consumer it is given
     */
    public static VerificationReport ledger(List<Digest> digests, DigestVerifier key,
                                            Function<Digest, List<ChainHead>> heads,
                                            Consumer<Consumer<StoredEvent>> events) {
        long started = System.nanoTime();
        Optional<Problem> digestProblem = key.check(digests);
        Digest latest = digests.isEmpty() ? null : digests.get(digests.size() - 1);
        // A digest that fails its signature cannot be trusted to say what is sealed: chains are still checked.
        LedgerVerifier verifier = new LedgerVerifier(digestProblem.isPresent() ? null : latest);
        events.accept(verifier::accept);
        LedgerVerifier.Result result = verifier.finishLedger(latest == null || digestProblem.isPresent() ? null
                : heads.apply(latest));
        return VerificationReport.of("ledger", withFirst(digestProblem, result), latest, digests.size(), started);
    }

    /** One thread's chain, and its head against the latest digest's. */
    public static VerificationReport thread(String threadId, List<Digest> digests, DigestVerifier key,
                                            ChainHead sealedHead, Consumer<Consumer<StoredEvent>> events) {
        long started = System.nanoTime();
        Optional<Problem> digestProblem = key.check(digests);
        Digest latest = digests.isEmpty() ? null : digests.get(digests.size() - 1);
        LedgerVerifier verifier = new LedgerVerifier(digestProblem.isPresent() ? null : latest);
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
        return new LedgerVerifier.Result(result.events(), result.threads(), result.sealedEvents(), List.copyOf(all));
    }
}
