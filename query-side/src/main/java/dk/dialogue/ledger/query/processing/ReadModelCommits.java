package dk.dialogue.ledger.query.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The projection processors' transactions, committed without waiting for the write-ahead log to reach the
 * disk ({@code synchronous_commit = off} for the transaction only).
 * <p>
 * Every other commit of the ledger waits for that flush, and each processor commits batches of its own: at a
 * few tens of commands a second that was four flushes for every command's one, queued in front of it (in the
 * benchmark on two cores: 300 commands/s overloaded before, p50 13-45 ms after; 60-130/s held with p99 <= 20 ms
 * in five runs instead of 50/s at best).
 * <p>
 * A projection's rows and its token are written in the same transaction, and PostgreSQL loses asynchronous
 * commits only as a whole and only after the last flushed one, so a crash can only take the read model back
 * to an earlier consistent position, which the processor then projects again from the event store. Whatever
 * commits durably after reading it (a synchronous commit flushes all earlier ones) cannot be lost behind it.
 */
public final class ReadModelCommits implements TransactionManager {

    private final TransactionManager transactions;
    private final DataSource dataSource;

    public ReadModelCommits(TransactionManager transactions, DataSource dataSource) {
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit TO OFF");
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw new IllegalStateException("cannot start a projection transaction", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return transaction;
    }
}
