package dk.dialogue.ledger.query.audit.access;

import java.time.Instant;

/**
 * One audit read.
 *
 * @param path   the request path; {@code query} its query string
 * @param status the HTTP status answered
 */
public record AccessRecord(long id, Instant at, String principal, String method, String path, String query,
                           String remoteAddress, String userAgent, int status) {
}
