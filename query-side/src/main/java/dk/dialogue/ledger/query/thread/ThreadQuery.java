package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.ThreadKind;
import java.time.LocalDate;
import java.util.List;

/**
 * A dashboard's question about threads.
 *
 * @param statuses   any of these statuses; empty for all
 * @param kind       this kind only, or {@code null}
 * @param partyId    threads this party takes part in, or {@code null}
 * @param from       first letter dated on or after, or {@code null}
 * @param to         first letter dated on or before, or {@code null}
 * @param overdue    only overdue ({@code true}) or only not overdue ({@code false}) threads, or {@code null}
 * @param text       words to find in subjects, letter texts, references, parties and people, or {@code null}
 * @param sort       the order
 * @param descending whether the order is reversed
 * @param page       zero-based page number
 * @param size       threads per page
 */
public record ThreadQuery(List<ThreadStatus> statuses, ThreadKind kind, String partyId, LocalDate from, LocalDate to,
                          Boolean overdue, String text, Sort sort, boolean descending, int page, int size) {

    /** What a thread list can be sorted by. */
    public enum Sort {
        LETTER_DATE("first_letter_date", false),
        LAST_RECORDED_AT("last_recorded_at", true),
        SUBJECT("subject", false),
        STATUS("status", false),
        DEADLINE("deadline_due", true),
        MEETING_START("meeting_start", true);

        private final String column;
        private final boolean nullable;

        Sort(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }

        String column() {
            return column;
        }

        /** Whether a thread may have no value to sort by. */
        boolean nullable() {
            return nullable;
        }
    }
}
