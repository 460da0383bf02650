package dk.dialogue.ledger.command.idempotency;

/** The outcome of a command that already ran under the same Idempotency-Key: the thread version it produced. */
public record Replayed(long version) {
}
