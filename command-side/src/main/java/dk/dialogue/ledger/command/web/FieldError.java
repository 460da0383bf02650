package dk.dialogue.ledger.command.web;

/**
 * One thing wrong with a request.
 *
 * @param field JSON path of the offending field (e.g. {@code letter.senders[0].name}) or the header's name
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
