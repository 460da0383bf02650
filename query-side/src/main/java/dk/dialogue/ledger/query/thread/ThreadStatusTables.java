package dk.dialogue.ledger.query.thread;

/**
 * The tables of one copy of the thread-status read model: the live one, or the one a rebuild fills
 * before it takes the live one's place.
 */
public record ThreadStatusTables(String threads, String parties) {

    public static final ThreadStatusTables LIVE = new ThreadStatusTables("thread_status", "thread_party");

    public ThreadStatusTables withSuffix(String suffix) {
        return new ThreadStatusTables(threads + suffix, parties + suffix);
    }
}
