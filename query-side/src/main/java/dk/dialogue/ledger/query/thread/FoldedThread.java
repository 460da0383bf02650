package dk.dialogue.ledger.query.thread;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread's view with its letters, in the order they were registered: what a fold of a whole history holds, and
 * what a thread's detail shows. The read model stores the two apart (a row per letter).
 */
public record FoldedThread(ThreadView view, List<LetterView> letters) {

    public FoldedThread {
        letters = List.copyOf(letters);
    }

    /** The letters with {@code letter} placed at {@code position}: added after them, or replacing one. */
    public static List<LetterView> placed(List<LetterView> letters, int position, LetterView letter) {
        List<LetterView> placed = new ArrayList<>(letters);
        if (position == placed.size()) {
            placed.add(letter);
        } else {
            placed.set(position, letter);
        }
        return placed;
    }
}
