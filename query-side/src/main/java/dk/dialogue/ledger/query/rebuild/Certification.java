package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.query.eventstore.CommitOrderToken;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The report of a certified rebuild of one projection.
 *
 * @param events          events projected into the scratch tables
 * @param position        the position of the history both sides were compared at
 * @param threadsInMotion threads the live processor was still working on (not compared)
 * @param heldBack        threads the rebuild stopped at a failing event
 * @param tables          one comparison per table
 */
public record Certification(String projection, Instant startedAt, Instant finishedAt, long events,
                            CommitOrderToken position, int threadsInMotion, List<String> heldBack,
                            List<TableComparison> tables) {

    /** Rows that differ, both directions, all tables. */
    @JsonProperty
    public long differences() {
        return tables.stream().mapToLong(t -> t.onlyLive() + t.onlyRebuilt()).sum();
    }

    @JsonProperty
    public boolean certified() {
        return differences() == 0 && heldBack.isEmpty();
    }

    /**
     * @param onlyLive            rows in the live table that the rebuild did not produce
     * @param onlyRebuilt         rows the rebuild produced that the live table lacks
     * @param onlyLiveExamples    up to 20 of them, as JSON
     * @param onlyRebuiltExamples up to 20 of them, as JSON
     */
    public record TableComparison(String table, long liveRows, long rebuiltRows, long onlyLive, long onlyRebuilt,
                                  List<String> onlyLiveExamples, List<String> onlyRebuiltExamples) {
    }
}
