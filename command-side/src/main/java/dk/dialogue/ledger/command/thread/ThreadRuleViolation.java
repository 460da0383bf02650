package dk.dialogue.ledger.command.thread;

/**
 * A command breaks a rule of the dialogue-thread domain. Nothing is recorded.
 *
 * @see DialogueThread
 */
public class ThreadRuleViolation extends RuntimeException {

    private final String field;

    public ThreadRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the rule concerns, as a JSON path, or {@code null} when it concerns the thread as a whole. */
    public String field() {
        return field;
    }
}
