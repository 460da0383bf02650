package dk.dialogue.ledger.command.idempotency;

/** The Idempotency-Key was first used with a different request. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request");
    }
}
