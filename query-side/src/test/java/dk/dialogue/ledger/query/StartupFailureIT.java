package dk.dialogue.ledger.query;

import static dk.dialogue.ledger.query.service.testing.StartupFailures.assertRefusedInOneLine;

import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import dk.dialogue.ledger.query.service.testing.ServiceProcess;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged query side, started with something wrong that the operator must fix, says what in one line
 * and exits with a non-zero code. (The command side carries the same analyzers and its test covers them
 * in more variants.)
 */
class StartupFailureIT {

    private static final Path JAR = Path.of("target", "ledger-query-side.jar");
    private static final String SERVICE = "ledger-query-side cannot start: ";

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void a_taken_http_port() throws Exception {
        try (ServerSocket taken = new ServerSocket(ServiceProcess.freePort())) {
            int port = taken.getLocalPort();
            assertRefusedInOneLine(start(port, withDatabase()),
                    SERVICE + "port " + port + " is already in use; set PORT or SERVER_PORT");
        }
    }

    @Test
    void an_unreachable_database() {
        String url = "jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/ledger";
        assertRefusedInOneLine(start(ServiceProcess.freePort(), List.of("--spring.profiles.active=local",
                        "--spring.datasource.url=" + url)),
                SERVICE + "cannot reach the database at " + url + " (connection refused); check SPRING_DATASOURCE_URL");
    }

    @Test
    void a_setting_that_is_not_a_boolean() {
        List<String> arguments = new ArrayList<>(withDatabase());
        arguments.add("--ledger.security.jwt.enabled=maybe");
        assertRefusedInOneLine(start(ServiceProcess.freePort(), arguments),
                SERVICE + "bad configuration: ledger.security.jwt.enabled = \"maybe\"");
    }

    private static List<String> withDatabase() {
        return List.of("--spring.profiles.active=local", "--spring.datasource.url=" + PostgresTestDatabase.createEventStoreDatabase(),
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password());
    }

    private ServiceProcess start(int port, List<String> arguments) {
        ServiceProcess service = ServiceProcess.start("startup-failure", JAR, port, arguments);
        started.add(service);
        return service;
    }
}
