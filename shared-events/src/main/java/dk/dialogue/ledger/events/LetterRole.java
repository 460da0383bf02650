package dk.dialogue.ledger.events;

/** The part a later letter plays in a thread. */
public enum LetterRole {
    REPLY,
    REMINDER,
    FOLLOW_UP,
    OTHER
}
