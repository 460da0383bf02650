package dk.dialogue.ledger.query.web;

/** One thing wrong with a request: the parameter or header, and what is wrong with it. */
public record FieldError(String field, String message) {
}
