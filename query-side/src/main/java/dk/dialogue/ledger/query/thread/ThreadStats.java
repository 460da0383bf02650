package dk.dialogue.ledger.query.thread;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The counts behind {@code /api/stats}, computed at most once per max-age however many dashboards poll: each count
 * reads every thread, about a second of PostgreSQL's time at a million threads, which a dashboard's refresh must
 * not repeat. Callers that arrive while the counts are computed wait for them rather than count again.
 */
@Component
public class ThreadStats {

    private final ThreadStatusRepository threads;
    private final Clock clock;
    private final Duration maxAge;
    private Counted last;

    public ThreadStats(ThreadStatusRepository threads, Clock clock,
                       @Value("${ledger.stats.max-age}") Duration maxAge) {
        this.threads = threads;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The counts as of today, at most max-age old. */
    public synchronized Counted current(LocalDate today) {
        Instant now = clock.instant();
        if (last == null || !last.day().equals(today) || !now.isBefore(last.at().plus(maxAge))) {
            last = new Counted(today, now, threads.stats(today));
        }
        return last;
    }

    /**
     * @param day    the day overdue was counted against
     * @param at     when they were counted
     * @param counts by status, kind and party, and overdue
     */
    public record Counted(LocalDate day, Instant at, Map<String, Map<String, Long>> counts) {

        /** Whole seconds since they were counted, as HTTP's {@code Age} header gives it. */
        public long ageSeconds(Instant now) {
            return Math.max(0, Duration.between(at, now).getSeconds());
        }
    }
}
