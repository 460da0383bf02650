package dk.dialogue.ledger.query.party;

import dk.dialogue.ledger.events.PartyKind;

/**
 * One party's figures.
 *
 * @param openThreads       threads not yet held, declined, cancelled or closed
 * @param scheduledMeetings meetings agreed and not yet held
 * @param overdue           threads whose deadline passed while an answer is awaited
 * @param awaitingAnswer    threads waiting for this party's answer
 */
public record PartySummary(String partyId, PartyKind kind, String name, long threads, long openThreads,
                           long scheduledMeetings, long overdue, long awaitingAnswer) {
}
