package dk.dialogue.ledger.command.web;

/** Other writers kept changing the thread while the command was retried; the client may try again. */
public class ConcurrentModification extends RuntimeException {

    public ConcurrentModification(String threadId, int attempts) {
        super("thread " + threadId + " changed concurrently " + attempts + " times in a row; try again");
    }
}
