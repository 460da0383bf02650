package dk.dialogue.ledger.command.idempotency;

/** Command metadata that stays on the command side: it is not copied onto events. */
public final class CommandMetadata {

    /** SHA-256 over the request's method, path and canonical body; tells a repeat from a misuse of its key. */
    public static final String REQUEST_FINGERPRINT = "requestFingerprint";

    private CommandMetadata() {
    }
}
