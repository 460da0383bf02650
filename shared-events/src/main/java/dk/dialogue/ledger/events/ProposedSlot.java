package dk.dialogue.ledger.events;

import java.time.Instant;

/**
 * A time a meeting could take place, at the precision the letter gave.
 *
 * @param start     first instant of the slot
 * @param end       instant the slot ends; after {@code start}
 * @param precision how precise the letter was
 * @param wording   the letter's own words, e.g. "i løbet af efteråret 2022"
 */
public record ProposedSlot(Instant start, Instant end, SlotPrecision precision, String wording) {
}
