package dk.dialogue.ledger.events;

/** The four kinds of public body that write to each other. */
public enum PartyKind {
    KL,
    MINISTRY,
    MUNICIPALITY,
    COMMITTEE
}
