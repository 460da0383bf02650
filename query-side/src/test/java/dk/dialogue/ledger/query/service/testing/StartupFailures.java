package dk.dialogue.ledger.query.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** What an operator must see when a service cannot start: one error line saying why, no stack trace, exit non-zero. */
public final class StartupFailures {

    private StartupFailures() {
    }

    /** Waits for {@code service} to give up and checks its console. */
    public static void assertRefusedInOneLine(ServiceProcess service, String expectedLineStart) {
        int exitCode = service.awaitExit(Duration.ofSeconds(120));
        String output = service.output();
        List<String> errors = output.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertThat(exitCode).as("exit code of %s", service).isNotZero();
        assertThat(errors).as("error lines of %s:%n%s", service, output).hasSize(1);
        assertThat(errors.get(0)).contains(expectedLineStart);
        assertThat(output.lines()).as("console of %s", service)
                .noneMatch(line -> line.matches("\\s+at [\\w$.]+\\(.*") || line.startsWith("Caused by:"))
                .noneMatch(line -> line.contains("APPLICATION FAILED TO START"));
    }
}
