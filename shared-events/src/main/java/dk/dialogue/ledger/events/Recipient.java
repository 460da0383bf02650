package dk.dialogue.ledger.events;

/**
 * One addressee of a letter: a body, a named person, or a role ("Borgmesteren"). At least one is present.
 *
 * @param party  the body addressed, or {@code null}
 * @param person the named person addressed, or {@code null}
 * @param role   a role addressed without a name, or {@code null}
 */
public record Recipient(Party party, Person person, String role) {
}
