package dk.dialogue.ledger.command.web;

/** A request body that can tell what is wrong with its shape. */
public interface ValidatedRequest {

    void validate(Violations violations);

    default void requireValid() {
        Violations violations = new Violations();
        validate(violations);
        violations.throwIfAny();
    }
}
