package dk.dialogue.ledger.events;

/** How one thread relates to another. */
public enum LinkType {
    /** This thread follows up the other, e.g. a new invitation after a visit. */
    FOLLOW_UP_OF,
    RELATED_TO
}
