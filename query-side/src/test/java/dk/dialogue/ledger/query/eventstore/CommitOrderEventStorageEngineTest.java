package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The event store is read one statement at a time, each on its own unless the caller has a transaction. */
class CommitOrderEventStorageEngineTest {

    private final TransactionManager transactions = mock(TransactionManager.class);
    private final Connection connection = mock(Connection.class);
    private final PreparedStatement statement = mock(PreparedStatement.class);
    private final ResultSet rows = mock(ResultSet.class);
    private final EventArrivals arrivals = new EventArrivals(Duration.ofMillis(20));

    @Test
    void the_tail_and_the_head_are_read_by_single_statements_without_a_transaction_around_them() throws Exception {
        ConnectionProvider connections = mock(ConnectionProvider.class);
        when(connections.getConnection()).thenReturn(connection);
        when(connection.prepareStatement(anyString())).thenReturn(statement);
        when(statement.executeQuery()).thenReturn(rows);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        CommitOrderEventStorageEngine engine = new CommitOrderEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections).transactionManager(transactions)
                .eventSerializer(serializer).snapshotSerializer(serializer), "public.domain_event_entry",
                connections, arrivals, new SharedDecoding(10, new SimpleMeterRegistry()));

        try (arrivals) {
            assertThat(engine.fetchTrackedEvents(null, 100)).isEmpty();
            assertThat(engine.createHeadToken()).isEqualTo(CommitOrderToken.TAIL);
        }

        verifyNoInteractions(transactions);
        verify(connection, never()).setAutoCommit(anyBoolean());
        verify(connection, never()).commit();
        verify(statement, times(2)).executeQuery();
        verify(connection, times(2)).close();
    }
}
