package dk.dialogue.ledger.query.thread;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The rule every projection applies before it uses an event: a read model at version N reflects the
 * thread's events 0 to N-1, so an earlier event is a redelivery to ignore, and a later one means an event
 * is missing (which must fail, so the dead-letter queue holds the thread back instead of skipping it).
 */
public final class ThreadSequence {

    private ThreadSequence() {
    }

    /**
     * @param version the number of the thread's events the read model reflects
     * @return whether the event is the next one; false when the read model already reflects it
     * @throws IllegalStateException when an earlier event is missing
     */
    public static boolean isNext(String threadId, long version, DomainEventMessage<?> message) {
        long sequence = message.getSequenceNumber();
        if (sequence > version) {
            throw new IllegalStateException("thread " + threadId + " is at version " + version + " but event "
                    + sequence + " arrived: an earlier event is missing");
        }
        return sequence == version;
    }
}
