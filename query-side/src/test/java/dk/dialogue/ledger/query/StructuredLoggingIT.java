package dk.dialogue.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import dk.dialogue.ledger.query.service.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} every console line of the packaged query side, from the first
 * to the shutdown, is one JSON object (Elastic Common Schema) naming the service; SIGTERM ends it with exit code 0.
 */
class StructuredLoggingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_console_line_is_an_ecs_json_object() {
        String url = PostgresTestDatabase.createEventStoreDatabase();
        try (ServiceProcess service = ServiceProcess.start("structured-logging", Path.of("target", "ledger-query-side.jar"),
                ServiceProcess.freePort(), List.of("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password()),
                Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))) {
            service.awaitReady(Duration.ofSeconds(180));
            assertThat(service.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isZero();

            List<JsonNode> lines = service.output().lines().map(StructuredLoggingIT::parse).toList();
            assertThat(lines).hasSizeGreaterThan(10);
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.path("@timestamp").asText()).isNotEmpty();
                assertThat(line.path("log").path("level").asText()).isIn("INFO", "WARN");
                assertThat(line.path("service").path("name").asText()).isEqualTo("ledger-query-side");
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText())
                    .startsWith("Started QuerySideApplication"));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }
}
