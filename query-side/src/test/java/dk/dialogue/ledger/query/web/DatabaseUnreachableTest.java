package dk.dialogue.ledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DatabaseUnreachableTest {

    @Test
    void an_empty_pool_a_refused_connection_and_a_server_shutting_down_are_the_database_out_of_reach() {
        assertThat(DatabaseUnreachable.caused(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseUnreachable.caused(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseUnreachable.caused(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(DatabaseUnreachable.caused(new SQLException("terminating connection", "57P01"))).isTrue();
    }

    @Test
    void a_failing_statement_is_not() {
        assertThat(DatabaseUnreachable.caused(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnreachable.caused(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnreachable.caused(new IllegalStateException("a defect"))).isFalse();
    }
}
