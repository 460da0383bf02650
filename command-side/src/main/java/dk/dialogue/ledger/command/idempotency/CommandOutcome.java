package dk.dialogue.ledger.command.idempotency;

/** Reads the thread version out of what a command handler returned. */
public final class CommandOutcome {

    private CommandOutcome() {
    }

    /**
     * Handlers on existing threads return the new version; the creating handler returns the new thread's
     * id, and a new thread has exactly one event. A replay carries the version the first run produced.
     */
    public static long versionOf(Object result) {
        if (result instanceof Number version) {
            return version.longValue();
        }
        if (result instanceof Replayed replayed) {
            return replayed.version();
        }
        return 1L;
    }
}
