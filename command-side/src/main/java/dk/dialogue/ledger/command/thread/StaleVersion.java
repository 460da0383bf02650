package dk.dialogue.ledger.command.thread;

/** The client decided on an older version of the thread than the current one (HTTP If-Match). */
public class StaleVersion extends RuntimeException {

    private final long expected;
    private final long actual;

    public StaleVersion(long expected, long actual) {
        super("the thread is at version " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
