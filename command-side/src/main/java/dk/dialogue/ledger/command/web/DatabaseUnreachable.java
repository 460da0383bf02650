package dk.dialogue.ledger.command.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Recognises a failure caused by the database being out of reach: no connection from the pool within its timeout
 * (every connection busy, or the server down), a connection refused, or one lost or shut down by the server. These
 * are answered with 503 and {@code Retry-After}, which a client can act on, instead of a 500.
 */
final class DatabaseUnreachable {

    private DatabaseUnreachable() {
    }

    static boolean caused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception) and 57P0x (server shutting down or not yet accepting, session ended). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
