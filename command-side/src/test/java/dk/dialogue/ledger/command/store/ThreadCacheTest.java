package dk.dialogue.ledger.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class ThreadCacheTest {

    private final ThreadCache cache = new ThreadCache(100);
    private final List<String> heard = new ArrayList<>();

    @Test
    void holds_a_thread_until_it_is_removed_whatever_the_garbage_collector_does() {
        cache.put("thread-1", new StringBuilder("state"));
        System.gc();

        assertThat(cache.<String, StringBuilder>get("thread-1")).hasToString("state");
        assertThat(cache.remove("thread-1")).isTrue();
        assertThat(cache.containsKey("thread-1")).isFalse();
        assertThat(cache.remove("thread-1")).isFalse();
    }

    @Test
    void keeps_at_most_its_size_and_tells_listeners_of_what_it_evicts() {
        cache.registerCacheEntryListener(new Recording());

        IntStream.range(0, 150).forEach(i -> cache.put("thread-" + i, i));

        long held = IntStream.range(0, 150).filter(i -> cache.containsKey("thread-" + i)).count();
        assertThat(held).isLessThanOrEqualTo(100);
        assertThat(heard.stream().filter(event -> event.startsWith("expired")).count()).isEqualTo(150 - held);
    }

    @Test
    void keeps_the_often_used_threads_when_many_are_used_once() {
        IntStream.range(0, 100).forEach(i -> cache.put("earlier-" + i, i));
        for (int round = 0; round < 20; round++) {
            cache.get("busy");
            cache.putIfAbsent("busy", "busy state");
        }
        IntStream.range(0, 1000).forEach(i -> cache.put("once-" + i, i));

        assertThat(cache.containsKey("busy")).isTrue();
    }

    @Test
    void tells_listeners_of_creation_update_reads_and_removal_until_they_unsubscribe() {
        var registration = cache.registerCacheEntryListener(new Recording());

        cache.put("thread-1", 1);
        cache.put("thread-1", 2);
        cache.putIfAbsent("thread-1", 3);
        cache.get("thread-1");
        cache.computeIfPresent("thread-1", (Integer value) -> value + 1);
        cache.remove("thread-1");
        registration.cancel();
        cache.put("thread-2", 1);

        assertThat(heard).containsExactly("created thread-1=1", "updated thread-1=2", "read thread-1=2",
                "updated thread-1=3", "removed thread-1");
    }

    @Test
    void computes_an_absent_thread_once_and_empties_on_remove_all() {
        assertThat(cache.computeIfAbsent("thread-1", () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.computeIfAbsent("thread-1", () -> "loaded again")).isEqualTo("loaded");
        cache.put("thread-2", "other");

        cache.removeAll();

        assertThat(cache.containsKey("thread-1")).isFalse();
        assertThat(cache.containsKey("thread-2")).isFalse();
    }

    private final class Recording implements Cache.EntryListener {

        @Override
        public void onEntryExpired(Object key) {
            heard.add("expired " + key);
        }

        @Override
        public void onEntryRemoved(Object key) {
            heard.add("removed " + key);
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
            heard.add("updated " + key + "=" + value);
        }

        @Override
        public void onEntryCreated(Object key, Object value) {
            heard.add("created " + key + "=" + value);
        }

        @Override
        public void onEntryRead(Object key, Object value) {
            heard.add("read " + key + "=" + value);
        }

        @Override
        public Object clone() {
            return this;
        }
    }
}
