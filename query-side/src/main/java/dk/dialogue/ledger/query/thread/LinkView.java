package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.LinkType;

/** A link from this thread to another. */
public record LinkView(String threadId, LinkType linkType, String note) {
}
