package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (section 2.1) over chain heads ordered by the UTF-8 bytes of their
 * thread ids: leaves and inner nodes are domain-separated, so no inner node can pass for a leaf.
 */
public final class MerkleTree {

    /** Thread ids compared as UTF-8 bytes: one order for Java, PostgreSQL's "C" collation and any verifier. */
    public static final Comparator<String> THREAD_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private MerkleTree() {
    }

    /** The root over the heads, in any order given; SHA-256 of nothing for none. */
    public static byte[] root(List<ChainHead> heads) {
        // Each id is encoded once, not twice per comparison: a ledger has a hundred thousand threads.
        List<Keyed> sorted = new ArrayList<>(heads.size());
        heads.forEach(head -> sorted.add(new Keyed(head.threadId().getBytes(StandardCharsets.UTF_8), head)));
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.id, b.id));
        Builder tree = new Builder();
        sorted.forEach(keyed -> tree.add(keyed.id, keyed.head));
        return tree.root();
    }

    private record Keyed(byte[] id, ChainHead head) {
    }

    /**
     * The same root over heads given one at a time in thread order, in memory that grows with the logarithm of
     * their number: it keeps the roots of the complete subtrees so far, largest first, and folds them from the
     * right at the end, which is the shape RFC 6962 gives (the left subtree holds the largest power of two of
     * leaves below their number).
     */
    public static final class Builder {

        private final byte[][] subtrees = new byte[64][];
        private final long[] sizes = new long[64];
        private int depth;
        private long count;
        private byte[] last;

        /** @throws IllegalArgumentException if the head's thread comes before the previous one's */
        public void add(ChainHead head) {
            add(head.threadId().getBytes(StandardCharsets.UTF_8), head);
        }

        /** @param id the head's thread id in UTF-8, when the caller has it already */
        void add(byte[] id, ChainHead head) {
            if (last != null && Arrays.compareUnsigned(last, id) > 0) {
                throw new IllegalArgumentException("chain heads out of thread order: " + head.threadId()
                        + " after " + new String(last, StandardCharsets.UTF_8));
            }
            last = id;
            byte[] node = Hashes.leaf(head);
            long size = 1;
            while (depth > 0 && sizes[depth - 1] == size) {
                node = node(subtrees[--depth], node);
                size *= 2;
            }
            subtrees[depth] = node;
            sizes[depth++] = size;
            count++;
        }

        public long count() {
            return count;
        }

        /** SHA-256 of nothing for no heads. */
        public byte[] root() {
            if (depth == 0) {
                return Hashes.sha256();
            }
            byte[] root = subtrees[depth - 1];
            for (int i = depth - 2; i >= 0; i--) {
                root = node(subtrees[i], root);
            }
            return root;
        }
    }

    private static byte[] node(byte[] left, byte[] right) {
        return Hashes.sha256(new byte[] {1}, left, right);
    }
}
