package dk.dialogue.ledger.events;

/** What the letter that opens a thread asks for. */
public enum ThreadKind {
    /** An invitation ("Invitation til ..."): attendance is welcome. */
    INVITATION,
    /** A summons ("Indkaldelse til møde ..."): attendance is expected. */
    SUMMONS,
    /** A call to join a partnership, where each invited party registers or declines on its own. */
    REGISTRATION_CALL
}
