package dk.dialogue.ledger.events.identifiers;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers of messages (the stored events' {@code event_identifier} among them) as time-ordered
 * UUIDs instead of random ones; Axon finds it through {@code META-INF/services}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return TimeOrderedIds.at(System.currentTimeMillis()).toString();
    }
}
