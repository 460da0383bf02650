package dk.dialogue.ledger.events;

/** How the ledger knows a meeting moved. */
public enum RescheduleBasis {
    /** A letter says the meeting moves. */
    STATED_IN_LETTER,
    /** A later letter refers to the meeting at another time; the move is inferred. */
    INFERRED_FROM_LATER_LETTER
}
