package dk.dialogue.ledger.command.service.startup;

import java.util.Optional;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Turns a startup failure the operator can fix into "{@code <service> cannot start: <problem>}" and a remedy, which
 * {@link OneLineFailureReporter} prints as one line. Ordered first so Spring Boot's own, multi-paragraph analysis
 * of the same failure (a port in use, for one) does not win.
 */
abstract class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

    /** Set when the failure happened after the environment was prepared, which is the case for all of ours. */
    protected final Environment environment;

    StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** The problem and remedy if this analyzer recognises the failure, looking at its causes too. */
    protected abstract Optional<Diagnosis> diagnose(Throwable failure);

    @Override
    public final FailureAnalysis analyze(Throwable failure) {
        String service = environment == null ? "service" : environment.getProperty("spring.application.name", "service");
        return diagnose(failure)
                .map(diagnosis -> new FailureAnalysis(service + " cannot start: " + diagnosis.problem(),
                        diagnosis.remedy(), failure))
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The first cause of {@code failure} (itself included) of the given type. */
    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    record Diagnosis(String problem, String remedy) {
    }
}
