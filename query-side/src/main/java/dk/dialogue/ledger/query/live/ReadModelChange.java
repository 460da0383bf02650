package dk.dialogue.ledger.query.live;

/**
 * A read model changed for one thread.
 *
 * @param readModel e.g. {@code thread-status}
 * @param threadId  the thread
 * @param version   the thread's version the read model now reflects
 */
public record ReadModelChange(String readModel, String threadId, long version) {
}
