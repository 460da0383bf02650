package dk.dialogue.ledger.events;

import java.time.LocalDate;

/**
 * Every event of a dialogue thread. Each carries its business date; the recorded time, recorder and
 * correlation travel as metadata.
 */
public interface ThreadEvent {

    ThreadId threadId();

    /** When it happened in the world: the letter's date, or the date the decision took effect. */
    LocalDate businessDate();
}
