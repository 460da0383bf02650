package dk.dialogue.ledger.events;

/**
 * A case or document reference printed on a letter, under the issuing organisation's own label.
 *
 * @param label e.g. "Sagsnummer", "Dokumentnummer", "J.nr.", "Sags ID", "Dok.ID"
 * @param value the reference itself; empty (never {@code null}) when the label is printed without a value
 */
public record Reference(String label, String value) {

    public Reference {
        value = value == null ? "" : value;
    }
}
