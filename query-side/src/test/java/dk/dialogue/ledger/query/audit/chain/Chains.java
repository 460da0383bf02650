package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Builds correctly chained events in memory, as the database trigger would. */
final class Chains {

    private final List<StoredEvent> events = new ArrayList<>();
    private final Map<String, StoredEvent> heads = new HashMap<>();
    private long position;

    /** Appends an event to the thread in a transaction with the given id. */
    Chains append(String threadId, long txId) {
        StoredEvent last = heads.get(threadId);
        long sequence = last == null ? 0 : last.sequence() + 1;
        StoredEvent unhashed = new StoredEvent(++position, txId, threadId, sequence, "event-" + position,
                "DialogueThread", "dk.dialogue.ledger.events.LetterRecorded", "1", "2026-11-25T10:00:0" + (position % 10)
                + "Z", ("{\"threadId\":\"" + threadId + "\",\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8),
                "{\"recordedBy\":\"clerk\"}".getBytes(StandardCharsets.UTF_8), null);
        StoredEvent hashed = withHash(unhashed, Hashes.event(last == null ? Hashes.GENESIS : last.hash(), unhashed));
        events.add(hashed);
        heads.put(threadId, hashed);
        return this;
    }

    List<StoredEvent> events() {
        return new ArrayList<>(events);
    }

    /** The heads of the events with a transaction id below the boundary, as a digest would seal them. */
    List<ChainHead> headsBelow(long boundary) {
        Map<String, ChainHead> sealed = new HashMap<>();
        events.stream().filter(e -> e.txId() < boundary)
                .forEach(e -> sealed.put(e.threadId(), new ChainHead(e.threadId(), e.sequence(), e.hash())));
        return new ArrayList<>(sealed.values());
    }

    /**
     * The events and recorded heads as a verification reads them: by range of threads, after a position.
     *
     * @param heads {@code null} for a source without recorded heads
     */
    static LedgerSource source(List<StoredEvent> events, List<ChainHead> heads) {
        return new LedgerSource() {
            @Override
            public void events(ThreadRange range, long after, Predicate<StoredEvent> sink) {
                Iterator<StoredEvent> all = events.iterator();
                boolean more = true;
                while (more && all.hasNext()) {
                    StoredEvent e = all.next();
                    if (e.position() > after && range.contains(e.threadId())) {
                        more = sink.test(e);
                    }
                }
            }

            @Override
            public Iterator<ChainHead> sealedHeads(Digest digest, ThreadRange range) {
                return heads == null ? null : Verification.inThreadOrder(heads, range);
            }
        };
    }

    static StoredEvent withHash(StoredEvent e, byte[] hash) {
        return new StoredEvent(e.position(), e.txId(), e.threadId(), e.sequence(), e.eventId(), e.aggregateType(),
                e.payloadType(), e.payloadRevision(), e.timeStamp(), e.payload(), e.metaData(), hash);
    }

    static StoredEvent withPayload(StoredEvent e, byte[] payload) {
        return new StoredEvent(e.position(), e.txId(), e.threadId(), e.sequence(), e.eventId(), e.aggregateType(),
                e.payloadType(), e.payloadRevision(), e.timeStamp(), payload, e.metaData(), e.hash());
    }

    static StoredEvent withTimeStamp(StoredEvent e, String timeStamp) {
        return new StoredEvent(e.position(), e.txId(), e.threadId(), e.sequence(), e.eventId(), e.aggregateType(),
                e.payloadType(), e.payloadRevision(), timeStamp, e.payload(), e.metaData(), e.hash());
    }
}
