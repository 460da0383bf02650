package dk.dialogue.ledger.query.feed;

import org.axonframework.serialization.Revision;

/**
 * Stable event type names for consumers, independent of Java class names:
 * {@code dk.dialogue.ledger.<EventName>.v<revision>}, e.g. {@code dk.dialogue.ledger.DateProposed.v1}.
 */
public final class FeedTypes {

    public static final String PREFIX = "dk.dialogue.ledger.";

    private FeedTypes() {
    }

    public static String of(Class<?> eventClass) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        return PREFIX + eventClass.getSimpleName() + ".v" + (revision == null ? "0" : revision.value());
    }
}
