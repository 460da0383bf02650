package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The thread ids from {@code from} (inclusive) to {@code to} (exclusive) in {@link MerkleTree#THREAD_ORDER};
 * {@code null} leaves that end open. Verification of a large ledger takes the threads a range at a time.
 */
public record ThreadRange(String from, String to) {

    public static final ThreadRange ALL = new ThreadRange(null, null);

    public boolean contains(String threadId) {
        byte[] id = threadId.getBytes(StandardCharsets.UTF_8);
        return (from == null || Arrays.compareUnsigned(from.getBytes(StandardCharsets.UTF_8), id) <= 0)
                && (to == null || Arrays.compareUnsigned(id, to.getBytes(StandardCharsets.UTF_8)) < 0);
    }

    /** This range below the split point. */
    ThreadRange below(String split) {
        return new ThreadRange(from, split);
    }
}
