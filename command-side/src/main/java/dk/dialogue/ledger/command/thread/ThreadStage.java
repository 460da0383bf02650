package dk.dialogue.ledger.command.thread;

import java.util.EnumSet;
import java.util.Set;

/** Where a thread stands, as far as the aggregate's rules need to know. */
enum ThreadStage {
    RECEIVED,
    DATE_PROPOSED,
    SCHEDULED,
    HELD,
    DECLINED,
    CANCELLED,
    CLOSED;

    private static final Set<ThreadStage> NEGOTIATING = EnumSet.of(RECEIVED, DATE_PROPOSED);
    private static final Set<ThreadStage> ENDED = EnumSet.of(CLOSED, CANCELLED);

    /** Dates can still be proposed, withdrawn and accepted. */
    boolean negotiating() {
        return NEGOTIATING.contains(this);
    }

    /** Only letters and corrections are recorded from here on. */
    boolean ended() {
        return ENDED.contains(this);
    }
}
