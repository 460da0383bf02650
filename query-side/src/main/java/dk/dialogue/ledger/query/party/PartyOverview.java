package dk.dialogue.ledger.query.party;

import dk.dialogue.ledger.query.thread.ThreadSummary;
import java.util.List;

/** A party's figures with the threads behind them. */
public record PartyOverview(PartySummary party, List<ThreadSummary> openThreads, List<ThreadSummary> scheduledMeetings,
                            List<ThreadSummary> overdue, List<ThreadSummary> awaitingAnswer) {
}
