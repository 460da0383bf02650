package dk.dialogue.ledger.query.thread;

import java.util.List;

/**
 * The tables of one copy of the thread-status read model: the live one, or the one a rebuild fills
 * before it takes the live one's place.
 *
 * @param threads a row per thread: what lists filter and sort on, and the view
 * @param parties a row per participating party of a thread
 * @param search  a thread's free-text index, apart so that only a letter rewrites it
 * @param letters a row per letter of a thread, apart so that only a letter's registration or correction writes it
 */
public record ThreadStatusTables(String threads, String parties, String search, String letters) {

    public static final ThreadStatusTables LIVE = new ThreadStatusTables("thread_status", "thread_party",
            "thread_search", "thread_letter");

    public ThreadStatusTables withSuffix(String suffix) {
        return new ThreadStatusTables(threads + suffix, parties + suffix, search + suffix, letters + suffix);
    }

    public List<String> all() {
        return List.of(threads, parties, search, letters);
    }
}
