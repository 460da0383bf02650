package dk.dialogue.ledger.query.live;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets a read wait for the next change of one thread in one read model, woken by the change's announcement
 * (which {@link ChangeListener} receives from every instance once the change has committed) instead of asking the
 * database again and again.
 */
@Component
public class ReadModelWaits {

    private final ConcurrentHashMap<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    /**
     * The next change of the thread in the read model, from now on. Take it before reading the read model, so that
     * a change committed between the read and the wait still wakes it.
     */
    public Wait next(String readModel, String threadId) {
        String key = key(readModel, threadId);
        return new Wait(key, waiting.computeIfAbsent(key, k -> new CountDownLatch(1)));
    }

    void changed(ReadModelChange change) {
        CountDownLatch latch = waiting.remove(key(change.readModel(), change.threadId()));
        if (latch != null) {
            latch.countDown();
        }
    }

    private static String key(String readModel, String threadId) {
        return readModel + '\n' + threadId;
    }

    /** One awaited change. */
    public final class Wait {

        private final String key;
        private final CountDownLatch latch;

        private Wait(String key, CountDownLatch latch) {
            this.key = key;
            this.latch = latch;
        }

        /** True once the change has come, false when {@code timeout} passed (or the thread was interrupted) first. */
        public boolean await(Duration timeout) {
            try {
                if (latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Nothing came: forget the wait unless another reader shares it, so that idle threads leave nothing behind.
            waiting.remove(key, latch);
            return false;
        }
    }
}
