package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HandoverTest {

    private static StoredEvent event(long position) {
        return new StoredEvent(position, 1, "t-" + position, 0, "e-" + position, "Thread", "Opened", null,
                "2026-12-06T10:00:00Z", new byte[0], null, new byte[32]);
    }

    /** A source of events at positions 1 to {@code count}; {@code read} counts those it gave before being stopped. */
    private static Consumer<Predicate<StoredEvent>> source(int count, AtomicInteger read) {
        return sink -> {
            for (int position = 1; position <= count; position++) {
                read.incrementAndGet();
                if (!sink.test(event(position))) {
                    return;
                }
            }
        };
    }

    @Test
    void every_event_reaches_the_consumer_in_order_on_a_thread_other_than_the_readers() {
        List<Long> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();

        try (Handover handover = new Handover()) {
            handover.stream(source(5000, new AtomicInteger()), e -> {
                seen.add(e.position());
                threads.add(Thread.currentThread());
                return true;
            });
        }

        assertThat(seen).hasSize(5000).isSorted().startsWith(1L).endsWith(5000L);
        assertThat(threads).doesNotContain(Thread.currentThread()).allMatch(t -> t == threads.get(0));
    }

    @Test
    void once_the_consumer_wants_no_more_it_gets_no_more_and_the_source_is_stopped_soon_after() {
        List<Long> seen = new ArrayList<>();
        AtomicInteger read = new AtomicInteger();

        try (Handover handover = new Handover()) {
            handover.stream(source(100_000, read), e -> {
                seen.add(e.position());
                return e.position() < 1000;
            });
        }

        assertThat(seen).hasSize(1000).endsWith(1000L);
        assertThat(read.get()).as("read past the stop: at most the batches waiting").isLessThan(1000 + 10 * 256);
    }

    @Test
    void a_failure_while_verifying_reaches_the_caller_and_stops_the_reading() {
        AtomicInteger read = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("broken");

        try (Handover handover = new Handover()) {
            assertThatThrownBy(() -> handover.stream(source(100_000, read), e -> {
                if (e.position() == 700) {
                    throw broken;
                }
                return true;
            })).isSameAs(broken);
        }

        assertThat(read.get()).isLessThan(700 + 10 * 256);
    }

    @Test
    void a_failure_while_reading_reaches_the_caller_once_the_consumer_is_done_with_what_was_read() {
        AtomicInteger consumed = new AtomicInteger();
        IllegalStateException lost = new IllegalStateException("connection lost");

        try (Handover handover = new Handover()) {
            assertThatThrownBy(() -> handover.stream(sink -> {
                for (int position = 1; position <= 600; position++) {
                    sink.test(event(position));
                }
                throw lost;
            }, e -> {
                sleep(1);
                return consumed.incrementAndGet() > 0;
            })).isSameAs(lost);
            int whenTold = consumed.get();
            sleep(100);

            assertThat(consumed.get()).as("nothing runs on once the caller is told").isEqualTo(whenTold)
                    .isLessThanOrEqualTo(600);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
