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
        byte[][] leaves = new byte[sorted.size()][];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = Hashes.leaf(sorted.get(i).head);
        }
        return leaves.length == 0 ? Hashes.sha256() : node(leaves, 0, leaves.length);
    }

    private record Keyed(byte[] id, ChainHead head) {
    }

    private static byte[] node(byte[][] leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves[from];
        }
        int split = Integer.highestOneBit(n - 1);
        return Hashes.sha256(new byte[] {1}, node(leaves, from, from + split), node(leaves, from + split, to));
    }
}
