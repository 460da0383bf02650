package dk.dialogue.ledger.query.thread;

import java.util.List;

/**
 * One page of threads, and how many there are in all.
 *
 * @param totalItems the matching threads, counted up to 1,000 past the page's end
 * @param totalExact whether that is all of them; {@code false}: there are more than {@code totalItems}
 * @param totalPages the pages {@code totalItems} fill
 */
public record ThreadPage(List<ThreadSummary> items, int page, int size, long totalItems, boolean totalExact,
                         long totalPages) {
}
