package dk.dialogue.ledger.query.meeting;

/**
 * The tables of one copy of the meeting calendar read model: the live one, or the one a rebuild fills before
 * it takes the live one's place.
 *
 * @param meetings one row per scheduled meeting
 * @param threads  what the projection remembers of every thread, scheduled or not
 */
public record MeetingTables(String meetings, String threads) {

    public static final MeetingTables LIVE = new MeetingTables("meeting", "meeting_thread");

    public MeetingTables withSuffix(String suffix) {
        return new MeetingTables(meetings + suffix, threads + suffix);
    }
}
