package dk.dialogue.ledger.command.web;

/**
 * The outcome of a dispatched command.
 *
 * @param version  the thread's version after the command
 * @param replayed true when an earlier request with the same Idempotency-Key produced it
 */
public record CommandResult(long version, boolean replayed) {
}
