package dk.dialogue.ledger.events;

/**
 * A document attached to a letter; its content lives in the document store, keyed by its hash.
 *
 * @param name   file name or title as given in the letter
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record Attachment(String name, String sha256) {
}
