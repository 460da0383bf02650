package dk.dialogue.ledger.query.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.MerkleTree;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@QuerySideIntegrationTest
class SealedHeadsIT {

    @Autowired
    DigestRepository digests;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void the_tree_over_more_heads_than_a_page_read_in_key_order_equals_the_tree_over_the_same_heads_sorted() {
        withMadeUpHeads(25_000, () -> {
            List<ChainHead> all = jdbc.query("SELECT thread_id, sequence_number, event_hash FROM audit_sealed_head",
                    (rs, n) -> new ChainHead(rs.getString(1), rs.getLong(2), rs.getBytes(3)));

            MerkleTree.Builder paged = new MerkleTree.Builder();
            digests.sealedHeads(ThreadRange.ALL).forEachRemaining(paged::add);

            assertThat(paged.count()).isEqualTo(all.size()).isGreaterThanOrEqualTo(25_000);
            assertThat(paged.root()).isEqualTo(MerkleTree.root(all));
        });
    }

    @Test
    void a_range_of_heads_is_read_across_pages_in_byte_order_from_its_lower_bound_up_to_its_upper_one() {
        withMadeUpHeads(36_000, () -> {
            ThreadRange range = new ThreadRange("alpha-", "æble-");
            List<String> expected = jdbc.queryForList("SELECT thread_id FROM audit_sealed_head", String.class)
                    .stream().filter(range::contains).sorted(MerkleTree.THREAD_ORDER).toList();

            List<String> read = new ArrayList<>();
            digests.sealedHeads(range).forEachRemaining(head -> read.add(head.threadId()));

            // The 'alpha-' ids sort after 'Zulu-' and before 'æble-' by their bytes: 12,000 of them, over two pages.
            assertThat(read).hasSizeGreaterThanOrEqualTo(12_000).containsExactlyElementsOf(expected)
                    .noneMatch(id -> id.startsWith("Zulu-") || id.startsWith("æble-"));
        });
    }

    /**
     * Runs the check with that many heads added, their ids in thread order unlike a linguistic one ('Zulu-',
     * 'alpha-', 'æble-'), in a transaction rolled back afterwards: the next seal must not see them.
     */
    private void withMadeUpHeads(int count, Runnable check) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.update("INSERT INTO audit_sealed_head (thread_id, sequence_number, event_hash) "
                    + "SELECT (ARRAY['Zulu-', 'alpha-', 'æble-'])[n % 3 + 1] || n, n % 17, sha256(int8send(n)) "
                    + "FROM generate_series(1, ?) AS n", count);
            check.run();
        });
    }
}
