package dk.dialogue.ledger.query.web;

import java.time.Duration;

/** The service is doing the one thing of this kind it does at a time; the client should come back later. */
public class Busy extends RuntimeException {

    private final Duration retryAfter;

    public Busy(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
