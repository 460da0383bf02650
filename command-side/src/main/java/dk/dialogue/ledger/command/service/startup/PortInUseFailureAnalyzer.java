package dk.dialogue.ledger.command.service.startup;

import java.util.Optional;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

/** The HTTP port is taken: say which and how to choose another. */
class PortInUseFailureAnalyzer extends StartupFailureAnalyzer {

    PortInUseFailureAnalyzer(Environment environment) {
        super(environment);
    }

    @Override
    protected Optional<Diagnosis> diagnose(Throwable failure) {
        return cause(failure, PortInUseException.class).map(inUse -> new Diagnosis(
                "port " + inUse.getPort() + " is already in use", "set PORT or SERVER_PORT"));
    }
}
