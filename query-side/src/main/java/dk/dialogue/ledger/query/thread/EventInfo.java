package dk.dialogue.ledger.query.thread;

import java.time.Instant;

/**
 * What the ledger knows about an event besides its payload.
 *
 * @param sequence   the event's position in its thread, from 0
 * @param recordedAt when the ledger learned of it
 * @param recordedBy who entered it
 */
public record EventInfo(long sequence, Instant recordedAt, String recordedBy) {
}
