package dk.dialogue.ledger.query.audit.chain;

import java.util.List;

/**
 * The outcome of a verification.
 *
 * @param scope          {@code ledger} or the thread's id
 * @param sealedBy       the latest digest checked against, {@code null} if there is none
 * @param sealedEvents   events covered by that digest
 * @param unsealedEvents events recorded after it: hash-chained, but only a later digest makes their removal
 *                       detectable
 * @param firstProblem   {@code null} when verified
 * @param problems       at most 100, in the order found
 * @param passes         reads of the events: more than one when the ledger has more threads than are held at once
 */
public record VerificationReport(String scope, boolean verified, long events, long threads, Digest sealedBy,
                                 long sealedEvents, long unsealedEvents, int digestsChecked, Problem firstProblem,
                                 List<Problem> problems, int passes, double seconds, double eventsPerSecond) {

    static VerificationReport of(String scope, LedgerVerifier.Result result, Digest digest, int digests,
                                 long startedNanos) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        return new VerificationReport(scope, result.verified(), result.events(), result.threads(), digest,
                result.sealedEvents(), result.events() - result.sealedEvents(), digests,
                result.problems().isEmpty() ? null : result.problems().get(0), result.problems(), result.passes(),
                seconds, result.events() / seconds);
    }
}
