package dk.dialogue.ledger.query.thread;

/** Where a thread stands, as in the domain's lifecycle. */
public enum ThreadStatus {
    /** Invitation registered, no date agreed. */
    RECEIVED,
    /** One or more open proposals, from either side. */
    DATE_PROPOSED,
    /** A proposal accepted. */
    SCHEDULED,
    HELD,
    DECLINED,
    CANCELLED,
    CLOSED
}
