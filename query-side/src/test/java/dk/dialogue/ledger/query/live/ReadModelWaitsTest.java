package dk.dialogue.ledger.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadModelWaitsTest {

    private final ReadModelWaits waits = new ReadModelWaits();

    @Test
    void a_wait_is_woken_by_the_next_change_of_its_thread_even_one_announced_before_it_began_waiting()
            throws Exception {
        ReadModelWaits.Wait taken = waits.next("thread-status", "t-1");
        waits.changed(new ReadModelChange("thread-status", "t-1", 2));

        long start = System.nanoTime();
        assertThat(taken.await(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        ReadModelWaits.Wait later = waits.next("thread-status", "t-1");
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> later.await(Duration.ofSeconds(5)));
        Thread.sleep(100);
        assertThat(woken).isNotDone();
        waits.changed(new ReadModelChange("thread-status", "t-1", 3));
        assertThat(woken.get(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void changes_of_other_threads_or_other_read_models_do_not_wake_it() {
        ReadModelWaits.Wait taken = waits.next("thread-status", "t-1");
        waits.changed(new ReadModelChange("thread-status", "t-2", 1));
        waits.changed(new ReadModelChange("timeline", "t-1", 1));

        assertThat(taken.await(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void readers_waiting_for_the_same_thread_are_all_woken_and_a_timed_out_wait_leaves_nothing_behind()
            throws Exception {
        ReadModelWaits.Wait first = waits.next("thread-status", "t-1");
        ReadModelWaits.Wait second = waits.next("thread-status", "t-1");
        waits.changed(new ReadModelChange("thread-status", "t-1", 1));
        assertThat(first.await(Duration.ofSeconds(1))).isTrue();
        assertThat(second.await(Duration.ofSeconds(1))).isTrue();

        assertThat(waits.next("thread-status", "t-9").await(Duration.ofMillis(10))).isFalse();
        ReadModelWaits.Wait fresh = waits.next("thread-status", "t-9");
        waits.changed(new ReadModelChange("thread-status", "t-9", 1));
        assertThat(fresh.await(Duration.ofSeconds(1))).as("a new wait after a timed-out one still works").isTrue();
    }
}
