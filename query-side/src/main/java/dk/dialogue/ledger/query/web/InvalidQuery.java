package dk.dialogue.ledger.query.web;

/** A query parameter is out of range or malformed. */
public class InvalidQuery extends RuntimeException {

    private final String field;

    public InvalidQuery(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
