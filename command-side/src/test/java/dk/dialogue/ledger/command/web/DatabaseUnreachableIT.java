package dk.dialogue.ledger.command.web;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import dk.dialogue.ledger.command.support.LedgerClient.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A command that gets no database connection is answered with a 503 problem, and sent again with its
 * Idempotency-Key once the database is back, it is recorded once.
 */
@CommandSideIntegrationTest
// Hikari reads its timeout when the pool starts, so it is this context's own.
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseUnreachableIT {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_command_finding_every_connection_taken_is_refused_with_503_and_recorded_once_when_sent_again()
            throws Exception {
        LedgerClient clerk = LedgerClient.as(port, "clerk");
        Map<String, String> key = Map.of("Idempotency-Key", "database-unreachable");
        long threadsBefore = threads();
        List<Connection> taken = new ArrayList<>();
        Response refused;
        try {
            takeEveryFreeConnection(taken);
            refused = clerk.post("/api/threads", invitation("while the database is out of reach"), key);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.json().get("title").asText()).isEqualTo("Database unavailable");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("Hikari");
        assertThat(threads()).as("nothing recorded").isEqualTo(threadsBefore);

        Response sentAgain = clerk.post("/api/threads", invitation("while the database is out of reach"), key);
        assertThat(sentAgain.status()).as(sentAgain.body()).isEqualTo(201);
        assertThat(clerk.post("/api/threads", invitation("while the database is out of reach"), key).header(
                "Idempotent-Replayed")).isEqualTo("true");
        assertThat(threads()).isEqualTo(threadsBefore + 1);
    }

    private void takeEveryFreeConnection(List<Connection> taken) throws SQLException {
        try {
            while (true) {
                taken.add(dataSource.getConnection());
            }
        } catch (SQLTransientConnectionException poolEmpty) {
            assertThat(taken).isNotEmpty();
        }
    }

    private long threads() {
        return jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry", Long.class);
    }
}
