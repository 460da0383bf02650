package dk.dialogue.ledger.events;

/**
 * Where a meeting takes place.
 *
 * @param name    e.g. "Aalborg Kongrescenter" or "one of the four jobcentres"
 * @param address street address when known, else {@code null}
 */
public record Location(String name, String address) {
}
