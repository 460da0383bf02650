package dk.dialogue.ledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 16 writers append 20,000 events, each holding its transaction open for a random while before committing,
 * while a subscriber polls the feed every 100 ms. The feed must deliver every event exactly once per
 * position and in each thread's order. A naive reader that follows the event table by global index,
 * polling the same way, is shown to miss events: the proof that the situation can go wrong. Resuming from
 * every 1,000th position gives exactly the remaining events.
 */
@QuerySideIntegrationTest
class FeedUnderConcurrentWritersIT {

    private static final int WRITERS = 16;
    private static final int THREADS_PER_WRITER = 250;
    private static final int EVENTS_PER_THREAD = 5;
    private static final int EVENTS = WRITERS * THREADS_PER_WRITER * EVENTS_PER_THREAD;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @Test
    void every_event_reaches_the_feed_once_in_thread_order_while_a_naive_reader_misses_some() throws Exception {
        TestRestTemplate subscriber = http.withBasicAuth("subscriber", "subscriber");
        long feedStart = lastPosition(subscriber);
        long indexStart = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM public.domain_event_entry",
                Long.class);
        Set<String> ours = new HashSet<>();
        AtomicBoolean writing = new AtomicBoolean(true);

        NaiveReader naive = new NaiveReader(indexStart);
        Thread naiveThread = new Thread(() -> naive.follow(writing));
        naiveThread.start();
        FeedConsumer consumer = new FeedConsumer(subscriber, feedStart);
        Thread consumerThread = new Thread(() -> consumer.follow(() -> consumer.count(ours) < EVENTS));
        consumerThread.start();

        long started = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<String>>> written = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            written.add(writers.submit(this::writeThreads));
        }
        for (Future<List<String>> threads : written) {
            ours.addAll(threads.get());
        }
        writers.shutdown();
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        writing.set(false);
        naiveThread.join();
        consumerThread.join(Duration.ofMinutes(5).toMillis());

        List<JsonNode> delivered = consumer.events();
        List<JsonNode> mine = delivered.stream().filter(e -> ours.contains(e.get("subject").asText())).toList();
        Set<String> ids = new HashSet<>();
        mine.forEach(e -> ids.add(e.get("id").asText()));
        int inversions = 0;
        Map<String, Long> lastSequence = new HashMap<>();
        for (JsonNode event : mine) {
            long previous = lastSequence.getOrDefault(event.get("subject").asText(), -1L);
            if (event.get("ledgersequence").asLong() != previous + 1) {
                inversions++;
            }
            lastSequence.put(event.get("subject").asText(), event.get("ledgersequence").asLong());
        }
        long duplicates = delivered.size() - delivered.stream().map(e -> e.get("ledgerposition").asLong()).distinct()
                .count();
        int naiveMissed = EVENTS - naive.seen(ours);
        System.out.printf("FeedUnderConcurrentWritersIT: %d events by %d writers in %.1f s; feed delivered %d of ours, "
                        + "%d duplicate positions, %d order inversions; the naive reader missed %d%n", EVENTS, WRITERS,
                writeSeconds, ids.size(), duplicates, inversions, naiveMissed);

        assertThat(EVENTS - ids.size()).as("missing from the feed").isZero();
        assertThat(mine).as("delivered once each").hasSize(EVENTS);
        assertThat(duplicates).as("duplicate positions").isZero();
        assertThat(inversions).as("per-thread order inversions").isZero();
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(delivered.get(i).get("ledgerposition").asLong())
                    .isEqualTo(delivered.get(i - 1).get("ledgerposition").asLong() + 1);
        }
        assertThat(naiveMissed).as("a reader by global index misses late commits").isPositive();

        long end = delivered.get(delivered.size() - 1).get("ledgerposition").asLong();
        for (long from = feedStart; from < end; from += 1000) {
            assertThat(readAll(subscriber, from)).as("resumed after position " + from).isEqualTo(end - from);
        }
        long readStarted = System.nanoTime();
        long whole = readAll(subscriber, 0);
        double readSeconds = (System.nanoTime() - readStarted) / 1e9;
        System.out.printf("FeedUnderConcurrentWritersIT: read the whole feed (%d events) from position 0 in pages of "
                + "1000 at %.0f events/s%n", whole, whole / readSeconds);
    }

    /** Reads from a position to the end of the feed, page by page; returns how many events came. */
    private static long readAll(TestRestTemplate subscriber, long after) {
        long count = 0;
        long cursor = after;
        while (true) {
            JsonNode page = subscriber.getForObject("/api/feed?limit=1000&after=" + cursor, JsonNode.class);
            if (page.size() == 0) {
                return count;
            }
            count += page.size();
            cursor = page.get(page.size() - 1).get("ledgerposition").asLong();
        }
    }

    /** One writer: its own threads, one transaction per event, each held open a random while before commit. */
    private List<String> writeThreads() throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        List<String> threads = new ArrayList<>();
        for (int t = 0; t < THREADS_PER_WRITER; t++) {
            String thread = UUID.randomUUID().toString();
            threads.add(thread);
            List<ThreadEvent> course = Courses.visit(thread, null);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                for (ThreadEvent event : course) {
                    store.insert(connection, event);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 4));
                    connection.commit();
                }
            }
        }
        return threads;
    }

    private long lastPosition(TestRestTemplate subscriber) {
        long position = 0;
        while (true) {
            JsonNode page = subscriber.getForObject("/api/feed?limit=1000&after=" + position, JsonNode.class);
            if (page.size() == 0) {
                return position;
            }
            position = page.get(page.size() - 1).get("ledgerposition").asLong();
        }
    }

    /** Polls the feed every 100 ms from a cursor, as a downstream service would. */
    private static final class FeedConsumer {
        private final TestRestTemplate subscriber;
        private final List<JsonNode> events = new ArrayList<>();
        private long cursor;

        FeedConsumer(TestRestTemplate subscriber, long cursor) {
            this.subscriber = subscriber;
            this.cursor = cursor;
        }

        void follow(java.util.function.BooleanSupplier more) {
            long giveUp = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (more.getAsBoolean() && System.nanoTime() < giveUp) {
                JsonNode page = subscriber.getForObject("/api/feed?limit=1000&after=" + cursor, JsonNode.class);
                synchronized (this) {
                    page.forEach(events::add);
                }
                if (page.size() > 0) {
                    cursor = page.get(page.size() - 1).get("ledgerposition").asLong();
                } else {
                    sleep(100);
                }
            }
        }

        synchronized long count(Set<String> threads) {
            return events.stream().filter(e -> threads.contains(e.get("subject").asText())).count();
        }

        synchronized List<JsonNode> events() {
            return new ArrayList<>(events);
        }
    }

    /** Follows the event table by "global index greater than my cursor", every 100 ms. */
    private final class NaiveReader {
        private final Set<String> seen = new HashSet<>();
        private long cursor;

        NaiveReader(long cursor) {
            this.cursor = cursor;
        }

        void follow(AtomicBoolean writing) {
            boolean last = false;
            while (!last) {
                last = !writing.get();
                jdbc.query("SELECT global_index, event_identifier FROM public.domain_event_entry "
                        + "WHERE global_index > ? ORDER BY global_index", rs -> {
                    cursor = rs.getLong(1);
                    seen.add(rs.getString(2));
                }, cursor);
                sleep(100);
            }
        }

        int seen(Set<String> threads) {
            return jdbc.queryForObject("SELECT count(*) FROM public.domain_event_entry WHERE event_identifier IN ("
                    + "SELECT unnest(?::text[])) AND aggregate_identifier = ANY(?::text[])", Integer.class,
                    seen.toArray(String[]::new), threads.toArray(String[]::new));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
