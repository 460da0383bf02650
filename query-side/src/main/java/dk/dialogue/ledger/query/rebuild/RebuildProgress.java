package dk.dialogue.ledger.query.rebuild;

import java.time.Instant;

/**
 * Where a rebuild is.
 *
 * @param state           RUNNING, SWITCHING, DONE or FAILED
 * @param processed       events projected into the new tables so far
 * @param total           events in the store (grows while the rebuild runs)
 * @param percent         processed of total
 * @param eventsPerSecond average rate since the start
 * @param etaSeconds      estimated seconds to catch up, or {@code null} when unknown
 * @param failedThreads   threads whose events stopped at one the projection failed on (as live, they wait
 *                        in the dead-letter queue)
 * @param error           why it failed, or {@code null}
 */
public record RebuildProgress(String projection, String state, long processed, long total, double percent,
                              double eventsPerSecond, Long etaSeconds, int failedThreads, Instant startedAt,
                              Instant finishedAt,
                              String error) {
}
