package dk.dialogue.ledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.command.idempotency.CommandMetadata;
import dk.dialogue.ledger.command.idempotency.CommandOutcome;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecords;
import dk.dialogue.ledger.command.idempotency.Replayed;
import dk.dialogue.ledger.command.thread.StaleVersion;
import dk.dialogue.ledger.command.thread.ThreadRuleViolation;
import dk.dialogue.ledger.events.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * Sends a command with the metadata every event must carry and retries it when another writer appended
 * to the same thread first (possible with several instances: each has its own aggregate cache and lock) or when
 * PostgreSQL broke a lock cycle between two writers' transactions (two instances' batches storing the same new
 * documents in opposite order).
 * A command the thread rejects is decided once more: the rejection evicted the thread from the cache, and
 * the cached state may have missed what another instance appended (a proposal, a new version).
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final IdempotencyRecords idempotencyRecords;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxAttempts;

    public CommandDispatcher(CommandGateway gateway, IdempotencyRecords idempotencyRecords, ObjectMapper json,
                             Clock clock, @Value("${ledger.commands.max-attempts:5}") int maxAttempts) {
        this.gateway = gateway;
        this.idempotencyRecords = idempotencyRecords;
        this.json = json;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param command     the command
     * @param threadId    the thread it targets, for messages
     * @param request     who sent it and how
     * @param requestLine method and path, which with the body identify a request for Idempotency-Key purposes
     * @param body        the parsed request body
     */
    public CommandResult dispatch(Object command, String threadId, CommandRequest request, String requestLine,
                                  Object body) {
        MetaData metaData = MetaData.from(metaData(request, requestLine, body));
        boolean decidedOnFreshState = false;
        for (int attempt = 1; ; attempt++) {
            try {
                Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(metaData));
                return new CommandResult(CommandOutcome.versionOf(result), result instanceof Replayed);
            } catch (ConcurrencyException | ConcurrencyFailureException e) {
                if (attempt >= maxAttempts) {
                    throw new ConcurrentModification(threadId, attempt);
                }
                backOff(attempt);
            } catch (ThreadRuleViolation | StaleVersion e) {
                if (decidedOnFreshState) {
                    throw e;
                }
                decidedOnFreshState = true;
            } catch (RuntimeException e) {
                // A copy under the same key may have won while this one ran: answer as the copy did.
                Optional<Replayed> earlier = request.idempotencyKey() == null ? Optional.empty()
                        : idempotencyRecords.find(request.principal(), request.idempotencyKey(),
                        (String) metaData.get(CommandMetadata.REQUEST_FINGERPRINT));
                if (earlier.isEmpty()) {
                    throw e;
                }
                return new CommandResult(earlier.get().version(), true);
            }
        }
    }

    private Map<String, Object> metaData(CommandRequest request, String requestLine, Object body) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(EventMetadata.RECORDED_BY, request.principal());
        metaData.put(EventMetadata.RECORDED_AT, clock.instant().toString());
        if (request.correlationId() != null) {
            metaData.put(EventMetadata.CORRELATION_ID, request.correlationId());
        }
        if (request.idempotencyKey() != null) {
            metaData.put(EventMetadata.IDEMPOTENCY_KEY, request.idempotencyKey());
            metaData.put(CommandMetadata.REQUEST_FINGERPRINT, fingerprint(requestLine, body));
        }
        return metaData;
    }

    private String fingerprint(String requestLine, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(requestLine.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    /** Jittered, growing pause so that competing writers do not collide again in lock step. */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(50L, 2L << attempt);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis + 1) * 1_000_000L);
    }
}
