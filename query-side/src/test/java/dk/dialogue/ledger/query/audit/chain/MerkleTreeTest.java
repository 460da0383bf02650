package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final ChainHead A = new ChainHead("a", 0, new byte[32]);
    private static final ChainHead B = new ChainHead("b", 3, new byte[32]);
    private static final ChainHead C = new ChainHead("c", 1, new byte[32]);

    @Test
    void an_empty_tree_is_the_hash_of_nothing() {
        assertThat(MerkleTree.root(List.of())).isEqualTo(Hashes.sha256());
    }

    @Test
    void a_single_head_is_its_leaf_hash() {
        assertThat(MerkleTree.root(List.of(A))).isEqualTo(leaf(A));
    }

    @Test
    void three_heads_split_at_the_largest_power_of_two_below_as_in_rfc_6962() {
        byte[] expected = node(node(leaf(A), leaf(B)), leaf(C));
        assertThat(MerkleTree.root(List.of(C, A, B))).isEqualTo(expected);
    }

    @Test
    void the_root_does_not_depend_on_the_order_heads_are_given_in_but_on_every_head() {
        assertThat(MerkleTree.root(List.of(A, B, C))).isEqualTo(MerkleTree.root(List.of(C, B, A)));
        assertThat(MerkleTree.root(List.of(A, B, C))).isNotEqualTo(MerkleTree.root(List.of(A, B)));
        assertThat(MerkleTree.root(List.of(A, B))).isNotEqualTo(MerkleTree.root(List.of(A, new ChainHead("b", 4,
                new byte[32]))));
    }

    @Test
    void thread_ids_are_ordered_by_their_utf8_bytes() {
        assertThat(MerkleTree.THREAD_ORDER.compare("Z", "a")).isNegative();
        assertThat(MerkleTree.THREAD_ORDER.compare("z", "æ")).isNegative();
        // Java's own String order (UTF-16) puts the emoji's surrogates before U+FF01; UTF-8 puts them after.
        assertThat(MerkleTree.THREAD_ORDER.compare("\uFF01", "\uD83D\uDE00")).isNegative();
    }

    @Test
    void the_root_orders_leaves_by_utf8_bytes_not_by_javas_string_order() {
        ChainHead fullwidth = new ChainHead("\uFF01", 0, new byte[32]);
        ChainHead emoji = new ChainHead("\uD83D\uDE00", 0, new byte[32]);
        assertThat(MerkleTree.root(List.of(emoji, fullwidth))).isEqualTo(node(leaf(fullwidth), leaf(emoji)));
    }

    @Test
    void heads_added_one_at_a_time_in_thread_order_give_rfc_6962s_tree_for_every_count_up_to_70() {
        List<ChainHead> heads = new ArrayList<>();
        for (int n = 0; n <= 70; n++) {
            MerkleTree.Builder tree = new MerkleTree.Builder();
            heads.forEach(tree::add);
            assertThat(tree.count()).isEqualTo(n);
            assertThat(tree.root()).as("%d heads", n).isEqualTo(rfc6962(heads));
            assertThat(MerkleTree.root(heads)).as("%d heads", n).isEqualTo(rfc6962(heads));
            heads.add(new ChainHead(String.format("t-%03d", n), n, Hashes.sha256(new byte[] {(byte) n})));
        }
    }

    @Test
    void a_head_given_out_of_thread_order_is_refused() {
        MerkleTree.Builder tree = new MerkleTree.Builder();
        tree.add(B);

        assertThatThrownBy(() -> tree.add(A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a after b");
    }

    /** RFC 6962, section 2.1, as written: the left subtree takes the largest power of two below the count. */
    private static byte[] rfc6962(List<ChainHead> heads) {
        if (heads.isEmpty()) {
            return Hashes.sha256();
        }
        if (heads.size() == 1) {
            return leaf(heads.get(0));
        }
        int k = Integer.highestOneBit(heads.size() - 1);
        return node(rfc6962(heads.subList(0, k)), rfc6962(heads.subList(k, heads.size())));
    }

    /** RFC 6962 leaf: 0x00, then the head's encoding (length-prefixed id, 8-byte sequence, hash). */
    private static byte[] leaf(ChainHead head) {
        byte[] id = head.threadId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer encoding = java.nio.ByteBuffer.allocate(1 + 4 + id.length + 8 + head.hash().length);
        encoding.put((byte) 0).putInt(id.length).put(id).putLong(head.sequence()).put(head.hash());
        return Hashes.sha256(encoding.array());
    }

    private static byte[] node(byte[] left, byte[] right) {
        return Hashes.sha256(new byte[] {1}, left, right);
    }
}
