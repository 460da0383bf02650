package dk.dialogue.ledger.command.thread;

/** A command on an existing thread that may state the version it was decided on (HTTP If-Match). */
public interface VersionedCommand {

    /** The thread version the client saw, or {@code null} to act on whatever is current. */
    Long expectedVersion();
}
