package dk.dialogue.ledger.query.processing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The projection processors' transactions: on a connection of the processors' own pool
 * ({@link ProcessorConnections}), whose sessions commit without waiting for the write-ahead log to reach the disk
 * ({@code synchronous_commit = off}) unless {@code ledger.processing.durable-commits} is true.
 * <p>
 * Every other commit of the ledger waits for that flush, and each processor commits batches of its own: at a
 * few tens of commands a second that was four flushes for every command's one, queued in front of it (in the
 * benchmark on two cores: 300 commands/s overloaded before, p50 13-45 ms after; 60-130/s held with p99 <= 20 ms
 * in five runs instead of 50/s at best). The setting used to be made by a {@code SET LOCAL} at the start of every
 * batch: 0.85 statements a command at 300 commands/s, now none.
 * <p>
 * A projection's rows and its token are written in the same transaction, and PostgreSQL loses asynchronous
 * commits only as a whole and only after the last flushed one, so a crash can only take the read model back
 * to an earlier consistent position, which the processor then projects again from the event store. Whatever
 * commits durably after reading it (a synchronous commit flushes all earlier ones) cannot be lost behind it.
 */
public final class ReadModelCommits implements TransactionManager {

    private final TransactionManager transactions;

    public ReadModelCommits(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return ProcessorConnections.forProcessors(transactions::startTransaction);
    }
}
