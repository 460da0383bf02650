package dk.dialogue.ledger.query.thread;

import java.util.ArrayList;
import java.util.List;

/**
 * How a save changes a thread's free-text index: the stored index (none when {@code replace}) followed by the
 * index of each part, in order. A recorded letter adds only its own part, so a letter costs the same however
 * long the thread; a batch that folds several letters of one thread adds one part per letter, so a replay
 * stores exactly the index the live projection stored one letter at a time.
 *
 * @param replace whether the stored index is dropped first
 * @param parts   the texts to index, each on its own
 */
public record SearchText(boolean replace, List<String> parts) {

    public SearchText {
        parts = List.copyOf(parts);
    }

    /** The whole index anew, from one text. */
    public static SearchText replacing(String text) {
        return new SearchText(true, List.of(text));
    }

    /** The stored index and then this text's. */
    public static SearchText adding(String text) {
        return new SearchText(false, List.of(text));
    }

    /** This change, then this text's index after it. */
    public SearchText and(String text) {
        List<String> more = new ArrayList<>(parts);
        more.add(text);
        return new SearchText(replace, more);
    }
}
