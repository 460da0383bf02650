package dk.dialogue.ledger.query.processing;

import java.time.Instant;

/**
 * An event a projection failed on, or one parked behind it.
 *
 * @param id             the dead letter's id
 * @param threadId       the thread whose later events wait behind this one (the queue's sequence)
 * @param sequenceIndex  its place in that queue, from 0
 * @param eventType      the event's type
 * @param sequenceNumber the event's number within its thread
 * @param cause          why it failed; {@code null} for an event only parked behind a failure
 */
public record DeadLetterView(String id, String threadId, long sequenceIndex, String eventType, Long sequenceNumber,
                             String causeType, String cause, Instant enqueuedAt) {
}
