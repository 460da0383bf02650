package dk.dialogue.ledger.query.eventstore;

/**
 * A place in the event store read thread by thread: after event {@code sequence} of {@code threadId}.
 *
 * @param threadId the thread (aggregate identifier); the empty string sorts before every thread
 * @param sequence the thread's event last read
 */
public record ThreadPosition(String threadId, long sequence) {

    /** Before every thread. */
    public static final ThreadPosition START = new ThreadPosition("", Long.MAX_VALUE);
}
