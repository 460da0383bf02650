package dk.dialogue.ledger.events;

/** An invited party's answer to a registration call. */
public enum ParticipationAnswer {
    REGISTERED,
    DECLINED
}
