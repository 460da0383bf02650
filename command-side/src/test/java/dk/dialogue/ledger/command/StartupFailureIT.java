package dk.dialogue.ledger.command;

import static dk.dialogue.ledger.command.service.testing.StartupFailures.assertRefusedInOneLine;

import dk.dialogue.ledger.command.support.PostgresTestDatabase;
import dk.dialogue.ledger.command.service.testing.ServiceProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged command side, started with something wrong that the operator must fix, says what in one line
 * and exits with a non-zero code.
 */
class StartupFailureIT {

    private static final Path JAR = Path.of("target", "ledger-command-side.jar");
    private static final String SERVICE = "ledger-command-side cannot start: ";

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
    void a_taken_port_of_the_embedded_database() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertRefusedInOneLine(start(ServiceProcess.freePort(), List.of("--spring.profiles.active=local",
                            "--ledger.embedded-database.port=" + port,
                            "--ledger.embedded-database.data-dir=" + Path.of("target", "startup-failure-pgdata")
                                    .toAbsolutePath())),
                    SERVICE + "port " + port + " of the embedded PostgreSQL is already in use; "
                            + "set LEDGER_EMBEDDED_DATABASE_PORT, or SPRING_DATASOURCE_URL to use another database");
        }
    }

    @Test
    void an_unreachable_database() {
        String url = "jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/ledger";
        assertRefusedInOneLine(start(ServiceProcess.freePort(), List.of("--spring.profiles.active=local",
                        "--spring.datasource.url=" + url, "--spring.datasource.username=postgres")),
                SERVICE + "cannot reach the database at " + url + " (connection refused); check SPRING_DATASOURCE_URL");
    }

    @Test
    void a_setting_that_is_not_a_boolean() {
        List<String> arguments = new ArrayList<>(withDatabase());
        arguments.add("--ledger.security.jwt.enabled=maybe");
        assertRefusedInOneLine(start(ServiceProcess.freePort(), arguments),
                SERVICE + "bad configuration: ledger.security.jwt.enabled = \"maybe\"");
    }

    @Test
    void a_demo_password_outside_the_local_profile() {
        List<String> arguments = new ArrayList<>(withDatabase());
        arguments.remove("--spring.profiles.active=local");
        arguments.addAll(List.of("--ledger.security.users[0].name=clerk",
                // bcrypt of "clerk", the local profile's demo password
                "--ledger.security.users[0].password-hash={bcrypt}$2a$10$YYPp.lR8zG.34tAB27ECcOnVfgm3eGq/N5yjtbn6Q3nszEC7Pm8Kq",
                "--ledger.security.users[0].roles=CLERK"));
        assertRefusedInOneLine(start(ServiceProcess.freePort(), arguments),
                SERVICE + "bad configuration: user 'clerk' has a demo password");
    }

    private static List<String> withDatabase() {
        return List.of("--spring.profiles.active=local", "--spring.datasource.url=" + PostgresTestDatabase.createDatabase(),
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password());
    }

    private ServiceProcess start(int port, List<String> arguments) {
        ServiceProcess service = ServiceProcess.start("startup-failure", JAR, port, arguments);
        started.add(service);
        return service;
    }
}
