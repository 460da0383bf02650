package dk.dialogue.ledger.query.rebuild;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the per-thread read models' processors back from the moment they start until
 * {@link ProjectionRebuilder#buildInitially} has decided whether they need their first build, and, if so, has
 * built their tables thread by thread and moved their tokens.
 */
public final class InitialBuilds {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    InitialBuilds(Collection<String> groups) {
        held.addAll(groups);
    }

    boolean holds(String group) {
        return held.contains(group);
    }

    /** The processor's stream offers events again: its tokens were moved by the build, or it needs none. */
    void release(String group) {
        held.remove(group);
    }
}
