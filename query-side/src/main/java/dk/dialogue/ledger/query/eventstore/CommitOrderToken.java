package dk.dialogue.ledger.query.eventstore;

import java.util.Comparator;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A position in the event store's commit order: the appending transaction ({@code tx_id}), then the global
 * index within it. Readers only see events of transactions older than every transaction still running, so
 * every event that becomes visible later sorts after any token already handed out: no gaps to track, and
 * no timeout after which a slow commit is given up on.
 *
 * @param txId        the appending transaction's id, {@code 0} before the first event
 * @param globalIndex the event's global index, {@code -1} before the first event
 */
public record CommitOrderToken(long txId, long globalIndex) implements TrackingToken, Comparable<CommitOrderToken> {

    /** Before every event. */
    public static final CommitOrderToken TAIL = new CommitOrderToken(0, -1);

    private static final Comparator<CommitOrderToken> ORDER = Comparator.comparingLong(CommitOrderToken::txId)
            .thenComparingLong(CommitOrderToken::globalIndex);

    @Override
    public int compareTo(CommitOrderToken other) {
        return ORDER.compare(this, other);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        CommitOrderToken that = cast(other);
        return compareTo(that) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        CommitOrderToken that = cast(other);
        return compareTo(that) >= 0 ? this : that;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(cast(other)) >= 0;
    }

    /** Informational only (metrics): global indexes are not monotonic in commit order. */
    @Override
    public OptionalLong position() {
        return OptionalLong.of(globalIndex);
    }

    private static CommitOrderToken cast(TrackingToken token) {
        if (token instanceof CommitOrderToken commitOrder) {
            return commitOrder;
        }
        throw new IllegalArgumentException("cannot compare a commit-order token with " + token);
    }
}
