package dk.dialogue.ledger.command.idempotency;

/** The outcome of a request made under an Idempotency-Key, as stored with the command's events. */
public record IdempotencyRecord(String principal, String key, String fingerprint, long version) {
}
