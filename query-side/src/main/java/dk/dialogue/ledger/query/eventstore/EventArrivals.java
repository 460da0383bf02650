package dk.dialogue.ledger.query.eventstore;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells the processors' event streams that the event store's tail reader has new events for them. Axon's
 * pooled processors otherwise look for new events only every 500 ms once they have caught up (an embedded
 * event store's streams offer no availability callback), which was most of the projection lag.
 */
public final class EventArrivals {

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    /** Calls {@code listener} whenever events arrive, until {@link #remove}. */
    void add(Runnable listener) {
        listeners.add(listener);
    }

    void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /** New events are readable from the shared tail: wakes every listener. */
    void signal() {
        listeners.forEach(Runnable::run);
    }
}
