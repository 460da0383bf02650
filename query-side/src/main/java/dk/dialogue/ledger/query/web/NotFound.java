package dk.dialogue.ledger.query.web;

/** The thing asked for does not exist (yet) in the read model. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
