package dk.dialogue.ledger.query.timeline;

/**
 * The table of one copy of the timeline read model: the live one, or the one a rebuild fills before it
 * takes the live one's place.
 */
public record TimelineTables(String entries) {

    public static final TimelineTables LIVE = new TimelineTables("timeline_entry");

    public TimelineTables withSuffix(String suffix) {
        return new TimelineTables(entries + suffix);
    }
}
