package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventArrivalsTest {

    private final EventArrivals arrivals = new EventArrivals(Duration.ofSeconds(1));
    private final AtomicInteger wakeUps = new AtomicInteger();

    @AfterEach
    void close() {
        arrivals.close();
    }

    @Test
    void the_first_events_after_a_quiet_spell_wake_the_listeners_at_once() {
        arrivals.add(wakeUps::incrementAndGet);

        arrivals.signal();

        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void events_arriving_within_the_interval_are_gathered_into_one_wake_up_at_its_end() {
        arrivals.add(wakeUps::incrementAndGet);
        arrivals.signal();

        arrivals.signal();
        arrivals.signal();
        arrivals.signal();

        assertThat(wakeUps).as("not before the interval is over").hasValue(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() == 2);
        arrivals.signal();
        assertThat(wakeUps).as("the gathered signals made one wake-up").hasValue(2);
    }

    @Test
    void events_arriving_while_the_listeners_run_bring_another_wake_up() {
        arrivals.add(() -> {
            if (wakeUps.incrementAndGet() == 1) {
                arrivals.signal();
            }
        });

        arrivals.signal();

        await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() == 2);
    }

    @Test
    void a_removed_listener_is_not_woken() {
        Runnable listener = wakeUps::incrementAndGet;
        arrivals.add(listener);
        arrivals.remove(listener);

        arrivals.signal();

        assertThat(wakeUps).hasValue(0);
    }
}
