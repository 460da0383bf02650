package dk.dialogue.ledger.command.store;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static dk.dialogue.ledger.command.support.Requests.letter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import dk.dialogue.ledger.command.support.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CommandSideIntegrationTest
class ConcurrentWritersIT {

    private static final int WRITERS = 16;
    private static final int LETTERS_PER_WRITER = 25;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sixteen_writers_on_one_thread_lose_no_update_get_no_5xx_and_leave_a_contiguous_sequence() throws Exception {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        String threadId = clerk.post("/api/threads", invitation("invitation written to by many")).json()
                .get("threadId").asText();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < LETTERS_PER_WRITER; i++) {
                    // Half the writers use Idempotency-Keys, whose records are written in the same transactions.
                    Response response = clerk.post("/api/threads/" + threadId + "/letters",
                            letter("reply " + writer + "-" + i),
                            writer % 2 == 0 ? Map.of("Idempotency-Key", "w" + writer + "-" + i) : Map.of());
                    statuses.add(response.status());
                }
                return statuses;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> writer : writers) {
            statuses.addAll(writer.get());
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();

        int commands = WRITERS * LETTERS_PER_WRITER;
        System.out.printf("ConcurrentWritersIT: %d commands from %d writers on one thread in %.2f s = %.0f commands/s"
                + " (%s)%n", commands, WRITERS, seconds, commands / seconds, PostgresTestDatabase.server());
        assertThat(statuses).hasSize(commands).containsOnly(200);
        List<Long> sequence = jdbc.queryForList("""
                SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", Long.class, threadId);
        assertThat(sequence).hasSize(commands + 1);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).isEqualTo(i);
        }
        List<Long> inCommitOrder = jdbc.queryForList("""
                SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY tx_id, global_index""", Long.class, threadId);
        assertThat(inCommitOrder).as("readers' commit order keeps the thread's order").isEqualTo(sequence);
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb #>> '{letter,textSha256}')
                FROM domain_event_entry WHERE aggregate_identifier = ?""", Long.class, threadId))
                .isEqualTo(commands + 1);
    }

    @Test
    void concurrent_commands_on_many_threads_share_transactions_and_keep_each_threads_order() throws Exception {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        List<String> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            threads.add(clerk.post("/api/threads", invitation("one of many threads " + w)).json()
                    .get("threadId").asText());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Integer>>> writers = new ArrayList<>();
        for (String threadId : threads) {
            writers.add(pool.submit(() -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < LETTERS_PER_WRITER; i++) {
                    statuses.add(clerk.post("/api/threads/" + threadId + "/letters", letter("letter " + i)).status());
                }
                return statuses;
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> writer : writers) {
            statuses.addAll(writer.get());
        }
        pool.shutdown();

        assertThat(statuses).hasSize(WRITERS * LETTERS_PER_WRITER).containsOnly(200);
        String[] ids = threads.toArray(String[]::new);
        Long letters = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE sequence_number > 0 "
                + "AND aggregate_identifier = ANY (?)", Long.class, (Object) ids);
        Long transactions = jdbc.queryForObject("SELECT count(DISTINCT tx_id) FROM domain_event_entry "
                + "WHERE sequence_number > 0 AND aggregate_identifier = ANY (?)", Long.class, (Object) ids);
        assertThat(letters).isEqualTo(WRITERS * LETTERS_PER_WRITER);
        assertThat(transactions).as("transactions holding the letters (group commit)").isLessThan(letters);
        for (String threadId : threads) {
            List<Long> inCommitOrder = jdbc.queryForList("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                    ORDER BY tx_id, global_index""", Long.class, threadId);
            assertThat(inCommitOrder).as("thread %s in commit order", threadId)
                    .isSortedAccordingTo(Long::compare).hasSize(LETTERS_PER_WRITER + 1);
        }
    }
}
