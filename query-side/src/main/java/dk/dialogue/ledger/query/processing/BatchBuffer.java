package dk.dialogue.ledger.query.processing;

import dk.dialogue.ledger.events.ThreadEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a projection writes, held for the rest of its batch — one Axon unit of work, which a processor opens
 * per batch of events and a rebuild per batch too — and written once, just before the batch's transaction
 * commits. A thread with several events in a batch then costs one read and one write instead of one each;
 * the write is still in the transaction that stores the processor's token.
 */
public final class BatchBuffer {

    private BatchBuffer() {
    }

    /**
     * Hands {@code work} the batch's buffer for {@code key} (made by {@code create} on first use, flushed by
     * {@code flush} before commit). Outside a unit of work the buffer lives for this call only.
     */
    public static <B> void run(String key, Supplier<B> create, Consumer<B> flush, Consumer<B> work) {
        if (!CurrentUnitOfWork.isStarted()) {
            B buffer = create.get();
            work.accept(buffer);
            flush.accept(buffer);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        B buffer = unitOfWork.getOrComputeResource(key, k -> {
            B fresh = create.get();
            unitOfWork.onPrepareCommit(u -> flush.accept(fresh));
            return fresh;
        });
        work.accept(buffer);
    }

    /**
     * The thread events of the batch being handled: all of a processor's batch (or a rebuild's), so that a projection
     * can read what it stored for all of them at once ({@link BatchReads}); empty outside such a batch.
     */
    public static List<ThreadEvent> batchEvents() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        List<ThreadEvent> events = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            try {
                if (message.getPayload() instanceof ThreadEvent event) {
                    events.add(event);
                }
            } catch (RuntimeException unreadable) {
                // Such an event fails in its own handler, which dead-letters it; the batch's others are read.
            }
        }
        return events;
    }
}
