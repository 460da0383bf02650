package dk.dialogue.ledger.events;

import java.util.List;

/** Immutable copies of lists in event payloads; an absent list reads as empty. */
final class Lists {

    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
