package dk.dialogue.ledger.query.web;

/** The read model has not caught up with the version a client asked for within the time it may wait. */
public class ProjectionBehind extends RuntimeException {

    private final long currentVersion;

    public ProjectionBehind(String threadId, long wanted, long currentVersion) {
        super("thread " + threadId + " is projected up to version " + currentVersion + ", not yet " + wanted);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
