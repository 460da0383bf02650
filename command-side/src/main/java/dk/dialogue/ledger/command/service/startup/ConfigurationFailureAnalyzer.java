package dk.dialogue.ledger.command.service.startup;

import java.util.Optional;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;

/**
 * A setting that cannot be used: a {@link StartupProblem} raised by the services' own checks, or a value
 * Spring cannot bind to a {@code @ConfigurationProperties} class ({@code ledger.security.jwt.enabled=maybe}),
 * named with where it came from (the environment variable, the argument, the file).
 */
class ConfigurationFailureAnalyzer extends StartupFailureAnalyzer {

    ConfigurationFailureAnalyzer(Environment environment) {
        super(environment);
    }

    @Override
    protected Optional<Diagnosis> diagnose(Throwable failure) {
        return cause(failure, StartupProblem.class)
                .map(problem -> new Diagnosis(problem.getMessage(), problem.remedy()))
                .or(() -> cause(failure, BindException.class).map(ConfigurationFailureAnalyzer::unbindable));
    }

    private static Diagnosis unbindable(BindException failure) {
        ConfigurationProperty property = failure.getProperty();
        Throwable reason = failure.getCause();
        while (reason.getCause() != null) {
            reason = reason.getCause();
        }
        String setting = property == null
                ? failure.getName().toString()
                : property.getName() + " = \"" + property.getValue() + "\"" + (property.getOrigin() == null ? ""
                        : " (from " + property.getOrigin() + ")");
        return new Diagnosis("bad configuration: " + setting + " is not a valid " + failure.getTarget().getType()
                + ": " + reason.getMessage(), null);
    }
}
