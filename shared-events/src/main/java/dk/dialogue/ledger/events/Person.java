package dk.dialogue.ledger.events;

/**
 * A named person, as written in a letter.
 *
 * @param name  full name
 * @param title title or function, e.g. "borgmester"; {@code null} when the letter gives none
 * @param party the body the person speaks for; {@code null} when unknown
 * @param email e-mail address when the letter gives one, else {@code null}
 */
public record Person(String name, String title, Party party, String email) {
}
