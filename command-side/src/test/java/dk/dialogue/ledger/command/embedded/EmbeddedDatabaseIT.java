package dk.dialogue.ledger.command.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(EmbeddedDatabase.datasourceConfigured(
                new String[] {"--spring.datasource.url=jdbc:postgresql://db/ledger"}, Map.of())).isTrue();
        assertThat(EmbeddedDatabase.datasourceConfigured(new String[0],
                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/ledger"))).isTrue();
        assertThat(EmbeddedDatabase.datasourceConfigured(new String[0], Map.of())).isFalse();
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
