package dk.dialogue.ledger.benchmark;

import dk.dialogue.ledger.events.Party;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the load generator knows of one thread it opened: where its lifecycle stands, and whether a
 * lifecycle step is under way (then only letters, which every stage accepts, are sent to it).
 */
final class Conversation {

    final String id;
    final Party host;
    final Party guest;
    final LocalDate opened;
    final String subject;
    final String firstProposal;
    final AtomicBoolean stepping = new AtomicBoolean();
    /** The next lifecycle step; only the holder of {@link #stepping} reads or moves it. */
    volatile int step;
    volatile String counterProposal;

    Conversation(String id, Party host, Party guest, LocalDate opened, String subject, String firstProposal) {
        this.id = id;
        this.host = host;
        this.guest = guest;
        this.opened = opened;
        this.subject = subject;
        this.firstProposal = firstProposal;
    }
}
