package dk.dialogue.ledger.command.idempotency;

/** A copy of the request, made under the same Idempotency-Key, committed while this one ran; this one rolls back. */
public class DuplicateRequest extends RuntimeException {

    public DuplicateRequest(String key) {
        super("a request with Idempotency-Key '" + key + "' completed concurrently");
    }
}
