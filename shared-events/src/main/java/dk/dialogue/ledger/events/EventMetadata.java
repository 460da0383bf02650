package dk.dialogue.ledger.events;

/** Keys of the metadata every event carries next to its payload; part of the event contract. */
public final class EventMetadata {

    /** Instant the ledger learned of the event, ISO-8601 UTC. */
    public static final String RECORDED_AT = "recordedAt";
    /** The authenticated principal that issued the command, never a request field. */
    public static final String RECORDED_BY = "recordedBy";
    /** Shared by every message that one request caused, and by requests a client chains with it. */
    public static final String CORRELATION_ID = "correlationId";
    /** Identifier of the command that caused the event. */
    public static final String CAUSATION_ID = "causationId";
    /** The request's Idempotency-Key header, when it had one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private EventMetadata() {
    }
}
