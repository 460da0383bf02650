package dk.dialogue.ledger.command.service.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

/** The wording of each diagnosis; the console output of real startups is tested in both services' StartupFailureIT. */
class StartupFailureAnalyzersTest {

    private static final String URL = "jdbc:postgresql://db:5432/ledger";
    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.application.name", "ledger-query-side")
            .withProperty("spring.datasource.url", URL);

    @Test
    void names_the_unknown_host_of_the_database() {
        SQLException failure = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("db"));

        FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer(environment)
                .analyze(new IllegalStateException("Failed to initialize pool", failure));

        assertThat(analysis.getDescription())
                .isEqualTo("ledger-query-side cannot start: cannot reach the database at " + URL + " (unknown host db)");
    }

    @Test
    void quotes_the_server_when_it_refuses_the_login() {
        SQLException failure = new SQLException("FATAL: password authentication failed for user \"ledger\"", "28P01");

        assertThat(new DatabaseUnreachableFailureAnalyzer(environment).analyze(failure).getDescription())
                .endsWith("(password authentication failed for user \"ledger\")");
    }

    @Test
    void leaves_other_database_errors_to_the_general_report() {
        SQLException syntax = new SQLException("syntax error at or near \"SELEC\"", "42601");

        assertThat(new DatabaseUnreachableFailureAnalyzer(environment).analyze(syntax)).isNull();
        assertThat(new PortInUseFailureAnalyzer(environment).analyze(syntax)).isNull();
        assertThat(new ConfigurationFailureAnalyzer(environment).analyze(syntax)).isNull();
    }

    @Test
    void finds_a_taken_port_among_the_causes() {
        FailureAnalysis analysis = new PortInUseFailureAnalyzer(environment)
                .analyze(new IllegalStateException("Failed to start bean 'webServerStartStop'", new PortInUseException(8081)));

        assertThat(analysis.getDescription()).isEqualTo("ledger-query-side cannot start: port 8081 is already in use");
        assertThat(analysis.getAction()).isEqualTo("set PORT or SERVER_PORT");
    }
}
