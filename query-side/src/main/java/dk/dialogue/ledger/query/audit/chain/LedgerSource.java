package dk.dialogue.ledger.query.audit.chain;

import java.util.Iterator;
import java.util.function.Predicate;

/** What a whole-ledger verification reads: the stored events and the chain heads stored beside the digest. */
public interface LedgerSource {

    /**
     * Streams the events of the range's threads that come after a global position, in global order, until the
     * sink returns false.
     */
    void events(ThreadRange range, long after, Predicate<StoredEvent> sink);

    /**
     * The chain heads the digest sealed, as stored beside it, of the range's threads in thread order; {@code null}
     * if they are not available, and then a broken seal cannot be pinned on a thread.
     */
    Iterator<ChainHead> sealedHeads(Digest digest, ThreadRange range);
}
