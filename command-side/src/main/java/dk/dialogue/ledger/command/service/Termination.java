package dk.dialogue.ledger.command.service;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * SIGTERM (docker stop, Kubernetes, systemd, {@code kill}) closes the application as Spring Boot would, graceful
 * shutdown included, and then exits with 0, or 1 if closing failed. The JVM's own handler exits with 143 even
 * after a clean close, which scripts and supervisors that check the exit code read as a crash. (javac warns that
 * {@code sun.misc.Signal} is internal: it is the JDK's only signal API, kept in module {@code jdk.unsupported} for
 * uses like this one.)
 */
public final class Termination {

    private Termination() {
    }

    /** Call once the application has started; a SIGTERM during startup still ends the JVM the default way. */
    public static void exitCleanlyOnSigterm(ConfigurableApplicationContext context) {
        Signal.handle(new Signal("TERM"), signal -> System.exit(SpringApplication.exit(context)));
    }
}
