package dk.dialogue.ledger.query.thread;

import java.util.List;

/** One page of threads, and how many there are in all. */
public record ThreadPage(List<ThreadSummary> items, int page, int size, long totalItems, long totalPages) {
}
