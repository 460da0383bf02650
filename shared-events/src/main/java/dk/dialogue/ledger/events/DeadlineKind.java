package dk.dialogue.ledger.events;

/** What a deadline asks for. */
public enum DeadlineKind {
    /** An answer to the invitation or summons. */
    RESPONSE,
    /** Registration for a partnership or event ("Tilmeldingsfristen er den 19. april"). */
    REGISTRATION
}
