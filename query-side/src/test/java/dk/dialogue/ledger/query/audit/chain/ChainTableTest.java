package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChainTableTest {

    private static byte[] utf8(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hash(int seed) {
        byte[] hash = new byte[32];
        new Random(seed).nextBytes(hash);
        return hash;
    }

    @Test
    void a_new_thread_starts_at_event_zero_chained_to_genesis_with_nothing_sealed() {
        ChainTable table = new ChainTable(10);

        int thread = table.findOrAdd(utf8("t-1"));

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.find(utf8("t-1"))).isEqualTo(thread);
        assertThat(table.find(utf8("t-2"))).isEqualTo(-1);
        assertThat(table.next(thread)).isZero();
        assertThat(table.previous(thread)).isEqualTo(Hashes.GENESIS);
        assertThat(table.sealedHead(thread)).isNull();
        assertThat(table.unsealedSeen(thread)).isFalse();
    }

    @Test
    void the_sealed_head_stays_at_the_last_sealed_event_while_later_events_link_on() {
        ChainTable table = new ChainTable(10);
        int thread = table.findOrAdd(utf8("t-1"));

        table.link(thread, 0, hash(0));
        table.sealLast(thread, 0);
        table.link(thread, 1, hash(1));
        table.sealLast(thread, 1);
        table.link(thread, 2, hash(2));
        table.markUnsealed(thread);

        assertThat(table.next(thread)).isEqualTo(3);
        assertThat(table.previous(thread)).isEqualTo(hash(2));
        assertThat(table.sealedHead(thread)).usingRecursiveComparison()
                .isEqualTo(new ChainHead("t-1", 1, hash(1)));
        assertThat(table.events(thread)).isEqualTo(3);
        assertThat(table.sealedEvents(thread)).isEqualTo(2);
        assertThat(table.unsealedSeen(thread)).isTrue();
    }

    @Test
    void a_damaged_hash_of_another_length_is_chained_to_as_stored() {
        ChainTable table = new ChainTable(10);
        int thread = table.findOrAdd(utf8("t-1"));
        table.link(thread, 0, hash(0));
        table.sealLast(thread, 0);

        table.link(thread, 1, new byte[] {1, 2, 3});

        assertThat(table.previous(thread)).containsExactly(1, 2, 3);
        assertThat(table.sealedHead(thread).hash()).isEqualTo(hash(0));
        table.link(thread, 2, hash(2));
        assertThat(table.previous(thread)).isEqualTo(hash(2));
    }

    @Test
    void thousands_of_threads_keep_their_own_state_as_the_table_grows() {
        ChainTable table = new ChainTable(Integer.MAX_VALUE);
        int threads = 5000;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < threads; i++) {
                int thread = table.findOrAdd(utf8("thread-" + i));
                table.link(thread, round, hash(i * 3 + round));
            }
        }

        assertThat(table.size()).isEqualTo(threads);
        for (int i = 0; i < threads; i++) {
            int thread = table.find(utf8("thread-" + i));
            assertThat(table.threadId(thread)).isEqualTo("thread-" + i);
            assertThat(table.next(thread)).isEqualTo(3);
            assertThat(table.previous(thread)).isEqualTo(hash(i * 3 + 2));
            assertThat(table.events(thread)).isEqualTo(3);
        }
    }

    @Test
    void threads_come_in_the_order_of_their_ids_utf8_bytes() {
        List<String> ids = List.of("t-10", "z", "t-1", "æble", "T-2", "t-", "Ω", "t-1a");
        ChainTable table = new ChainTable(ids.size());
        ids.forEach(id -> table.findOrAdd(utf8(id)));

        List<String> ordered = Arrays.stream(table.inThreadOrder()).mapToObj(table::threadId).toList();

        assertThat(ordered).containsExactly("T-2", "t-", "t-1", "t-10", "t-1a", "z", "æble", "Ω");
        assertThat(ordered).isSortedAccordingTo(MerkleTree.THREAD_ORDER);
    }

    @Test
    void retaining_the_threads_below_an_id_keeps_exactly_those_with_their_state_and_frees_room_for_more() {
        Random random = new Random(42);
        ChainTable table = new ChainTable(3000);
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            String id = "t-" + Integer.toHexString(random.nextInt()) + "-" + i;
            int thread = table.findOrAdd(utf8(id));
            long sequence = random.nextInt(50);
            table.link(thread, sequence, hash(i));
            expected.put(id, sequence + 1);
        }
        byte[] bound = utf8("t-8");

        table.retainBelow(bound);

        expected.keySet().removeIf(id -> Arrays.compareUnsigned(utf8(id), bound) >= 0);
        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((id, next) -> assertThat(table.next(table.find(utf8(id)))).isEqualTo(next));
        assertThat(IntStream.range(0, table.size()).mapToObj(table::threadId)).containsExactlyElementsOf(
                expected.keySet());
        int added = table.findOrAdd(utf8("t-0-new"));
        assertThat(table.threadId(added)).isEqualTo("t-0-new");
        assertThat(table.next(added)).isZero();
    }

    @Test
    void a_cleared_table_holds_no_thread_and_starts_threads_afresh() {
        ChainTable table = new ChainTable(10);
        for (String id : List.of("a", "b", "c")) {
            int thread = table.findOrAdd(utf8(id));
            table.link(thread, 0, hash(thread));
            table.sealLast(thread, 0);
        }

        table.clear();

        assertThat(table.size()).isZero();
        assertThat(table.find(utf8("a"))).isEqualTo(-1);
        int again = table.findOrAdd(utf8("b"));
        assertThat(table.sealedHead(again)).isNull();
        assertThat(table.events(again)).isZero();
    }
}
