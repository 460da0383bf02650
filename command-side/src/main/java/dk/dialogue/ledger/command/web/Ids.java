package dk.dialogue.ledger.command.web;

import dk.dialogue.ledger.events.identifiers.TimeOrderedIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues the ids of new threads, proposals and letters at the edge, never inside a handler. Under an
 * Idempotency-Key the ids derive from the key, so a repeated request names the same things; otherwise
 * they are time-ordered ({@link TimeOrderedIds}), which keeps index inserts local.
 */
@Component
public class Ids {

    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(CommandRequest request, String purpose) {
        if (request.idempotencyKey() != null) {
            String name = request.principal() + '\n' + request.idempotencyKey() + '\n' + purpose;
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        return TimeOrderedIds.at(clock.millis()).toString();
    }
}
