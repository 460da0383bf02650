package dk.dialogue.ledger.command.store;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The history cannot be rewritten through SQL, not even by the table's owner. */
@CommandSideIntegrationTest
class AppendOnlyIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    String threadId;

    @BeforeEach
    void oneEvent() {
        threadId = LedgerClient.as(port, "clerk").post("/api/threads", invitation("append-only " + System.nanoTime()))
                .json().get("threadId").asText();
    }

    @Test
    void update_of_a_stored_event_is_refused_for_the_owner() throws SQLException {
        assertThat(owner()).isTrue();
        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload = '\\x00'::bytea "
                + "WHERE aggregate_identifier = ?", threadId))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET time_stamp = '2000-01-01T00:00:00Z'"))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void delete_and_truncate_are_refused() {
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", threadId))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE domain_event_entry"))
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, threadId)).isEqualTo(1);
    }

    @Test
    void a_freshly_granted_role_cannot_change_history_either() {
        jdbc.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_writer') THEN "
                + "CREATE ROLE ledger_writer; END IF; END $$");
        jdbc.execute("GRANT ALL ON domain_event_entry TO ledger_writer");
        assertThatThrownBy(() -> jdbc.execute("""
                SET ROLE ledger_writer;
                DELETE FROM domain_event_entry;
                """)).rootCause().hasMessageContaining("append-only");
        jdbc.execute("RESET ROLE");
    }

    private boolean owner() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String user = connection.getMetaData().getUserName();
            return user.equals(jdbc.queryForObject("SELECT tableowner FROM pg_tables "
                    + "WHERE tablename = 'domain_event_entry'", String.class));
        }
    }
}
