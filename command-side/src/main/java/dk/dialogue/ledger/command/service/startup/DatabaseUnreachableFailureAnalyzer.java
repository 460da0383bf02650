package dk.dialogue.ledger.command.service.startup;

import java.io.IOException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * The database cannot be reached or refuses the login: say at which URL and why (the innermost cause, e.g.
 * "connection refused", "unknown host db", the server's "password authentication failed ..."). Recognised by
 * the SQLSTATE classes of the JDBC standard, so it does not depend on the driver's wording.
 */
class DatabaseUnreachableFailureAnalyzer extends StartupFailureAnalyzer {

    /** 08: connection exception; 28: invalid authorization; 3D: invalid catalog name (no such database). */
    private static final String[] STATE_CLASSES = {"08", "28", "3D"};

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        super(environment);
    }

    @Override
    protected Optional<Diagnosis> diagnose(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && unreachable(sql.getSQLState())) {
                String url = environment == null ? null : environment.getProperty("spring.datasource.url");
                return Optional.of(new Diagnosis("cannot reach the database at " + (url == null ? "(no URL)" : url)
                        + " (" + reason(sql) + ")",
                        "check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD"));
            }
        }
        return Optional.empty();
    }

    private static boolean unreachable(String state) {
        if (state == null) {
            return false;
        }
        for (String stateClass : STATE_CLASSES) {
            if (state.startsWith(stateClass)) {
                return true;
            }
        }
        return false;
    }

    /** The network's reason when there is one (refused, unknown host, timed out), else the server's message. */
    private static String reason(SQLException failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        if (innermost instanceof UnknownHostException) {
            return "unknown host " + innermost.getMessage();
        }
        if (innermost instanceof IOException && innermost.getMessage() != null) {
            return innermost.getMessage().toLowerCase(Locale.ROOT);
        }
        String message = innermost.getMessage() == null ? failure.getMessage() : innermost.getMessage();
        return message.lines().findFirst().orElse("no reason given").replaceFirst("^FATAL: ", "");
    }
}
