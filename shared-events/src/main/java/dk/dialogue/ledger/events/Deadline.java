package dk.dialogue.ledger.events;

import java.time.LocalDate;

/**
 * A date by which an answer is expected; it passes at the end of that day, Copenhagen time.
 *
 * @param due     the last day an answer is on time
 * @param kind    what is expected
 * @param wording the letter's own words, or {@code null}
 */
public record Deadline(LocalDate due, DeadlineKind kind, String wording) {
}
