package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.events.ThreadEvent;
import java.util.List;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A read model that can be rebuilt.
 *
 * @param group  the processing group (processor name) that keeps the live tables
 * @param tables the live tables, all swapped together
 * @param into   the same projection, writing to the tables named with the given suffix and announcing nothing
 */
public record Rebuildable(String group, List<String> tables, Function<String, Projector> into) {

    public Projector into(String suffix) {
        return into.apply(suffix);
    }

    /** Projects one event. */
    @FunctionalInterface
    public interface Projector {
        void project(ThreadEvent event, DomainEventMessage<?> message);
    }
}
