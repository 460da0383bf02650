package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A connection comes from the processors' pool only while a processor's transaction starts, or to a thread made
 * for the processors.
 */
class ProcessorConnectionsTest {

    private final Connection read = mock(Connection.class);
    private final Connection processing = mock(Connection.class);
    private final ProcessorConnections connections;

    ProcessorConnectionsTest() throws SQLException {
        DataSource reads = mock(DataSource.class);
        DataSource processors = mock(DataSource.class);
        when(reads.getConnection()).thenReturn(read);
        when(processors.getConnection()).thenReturn(processing);
        connections = new ProcessorConnections(reads, processors);
    }

    @Test
    void everything_else_reads_from_the_reads_pool() throws SQLException {
        assertThat(connections.getConnection()).isSameAs(read);
    }

    @Test
    void a_processor_transaction_starts_on_the_processors_pool_and_what_follows_does_not() throws SQLException {
        assertThat(ProcessorConnections.forProcessors(this::connection)).isSameAs(processing);
        assertThat(connections.getConnection()).isSameAs(read);
    }

    @Test
    void a_nested_start_leaves_the_outer_one_on_the_processors_pool() {
        ProcessorConnections.forProcessors(() -> {
            assertThat(ProcessorConnections.forProcessors(this::connection)).isSameAs(processing);
            assertThat(connection()).isSameAs(processing);
            return null;
        });
        assertThat(connection()).isSameAs(read);
    }

    @Test
    void a_start_that_fails_leaves_the_thread_on_the_reads_pool() {
        assertThatThrownBy(() -> ProcessorConnections.forProcessors(() -> {
            throw new IllegalStateException("no transaction");
        })).hasMessage("no transaction");
        assertThat(connection()).isSameAs(read);
    }

    @Test
    void a_thread_made_for_the_processors_takes_their_connections_while_it_runs() throws Exception {
        AtomicReference<Connection> taken = new AtomicReference<>();
        ThreadFactory threads = ProcessorConnections.threads(task -> new Thread(task, "tail reader"));
        Thread reader = threads.newThread(() -> taken.set(connection()));
        assertThat(reader.getName()).isEqualTo("tail reader");
        reader.start();
        reader.join(10_000);
        assertThat(taken.get()).isSameAs(processing);
        assertThat(connection()).as("the thread that made it").isSameAs(read);
    }

    private Connection connection() {
        try {
            return connections.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
