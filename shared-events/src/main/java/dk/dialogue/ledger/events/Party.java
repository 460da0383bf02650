package dk.dialogue.ledger.events;

import java.util.Locale;

/**
 * A public body taking part in the correspondence.
 *
 * @param kind which kind of body
 * @param name the body's name, e.g. "Københavns Kommune"
 * @param unit optional unit within the body, e.g. a committee or a jobcentre; {@code null} when none
 */
public record Party(PartyKind kind, String name, String unit) {

    /** Identity of the body regardless of unit and letter case: a unit of a party acts for that party. */
    public String key() {
        return kind + ":" + name.trim().toLowerCase(Locale.ROOT);
    }

    public boolean sameBodyAs(Party other) {
        return other != null && key().equals(other.key());
    }
}
