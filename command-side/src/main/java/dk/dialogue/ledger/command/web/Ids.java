package dk.dialogue.ledger.command.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues the ids of new threads, proposals and letters at the edge, never inside a handler. Under an
 * Idempotency-Key the ids derive from the key, so a repeated request names the same things; otherwise
 * they are time-ordered (UUID version 7), which keeps index inserts local.
 */
@Component
public class Ids {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(CommandRequest request, String purpose) {
        if (request.idempotencyKey() != null) {
            String name = request.principal() + '\n' + request.idempotencyKey() + '\n' + purpose;
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        return timeOrdered().toString();
    }

    UUID timeOrdered() {
        long millis = clock.millis();
        long randomA = random.nextInt(1 << 12);
        long mostSignificant = (millis << 16) | (0x7L << 12) | randomA;
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
