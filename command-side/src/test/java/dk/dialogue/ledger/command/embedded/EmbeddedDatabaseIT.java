package dk.dialogue.ledger.command.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.dialogue.ledger.command.service.startup.StartupProblem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedDatabaseIT {

    @TempDir
    Path dataDir;

    @Test
    void runs_durably_and_keeps_committed_data_across_a_restart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0)) {
            try (Connection connection = connect(database)) {
                assertThat(setting(connection, "fsync")).isEqualTo("on");
                assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
                connection.createStatement().execute("CREATE TABLE kept (letter text)");
                connection.createStatement().execute("INSERT INTO kept VALUES ('Invitation til JobCAMP19')");
            }
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
             Connection connection = connect(database);
             ResultSet rows = connection.createStatement().executeQuery("SELECT letter FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Invitation til JobCAMP19");
        }
    }

    @Test
    void a_configured_datasource_wins_over_the_embedded_one() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/ledger"));

        EmbeddedDatabase.unlessConfigured().initialize(context);

        assertThat(context.getEnvironment().getPropertySources().contains("embedded-database")).isFalse();
        assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/ledger");
    }

    @Test
    void a_taken_port_is_refused_with_what_to_set() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, taken.getLocalPort()))
                    .isInstanceOf(StartupProblem.class)
                    .hasMessage("port " + taken.getLocalPort() + " of the embedded PostgreSQL is already in use");
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
