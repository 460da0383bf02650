package dk.dialogue.ledger.command.web;

/**
 * What the HTTP request says about the command besides its body.
 *
 * @param principal       the authenticated user, recorded as recorded-by
 * @param idempotencyKey  the Idempotency-Key header, or {@code null}
 * @param correlationId   the X-Correlation-Id header, or {@code null} to start a new correlation
 * @param expectedVersion the version named by If-Match, or {@code null}
 */
public record CommandRequest(String principal, String idempotencyKey, String correlationId, Long expectedVersion) {
}
