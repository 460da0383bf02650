package dk.dialogue.ledger.command.idempotency;

import dk.dialogue.ledger.command.commit.CommandWrites;
import dk.dialogue.ledger.events.EventMetadata;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers a request repeated under the same Idempotency-Key with its first outcome, and records the
 * outcome of a new one in the transaction that appends its events.
 * <p>
 * The outcome is written only after the thread has been loaded and the command handled: a transaction
 * that writes nothing before it has seen the thread's latest committed state orders its events after that
 * state in the event store's commit order (see {@code tx_id}). A copy that ran concurrently either fails
 * on the thread's rules or finds the key taken; {@code CommandDispatcher} then answers with the first
 * outcome.
 * <p>
 * Axon's Spring Boot support registers every handler interceptor bean on the command bus, in bean order,
 * behind the transaction interceptor the bus opens first; this one runs before the document interceptor.
 */
@Component
@Order(1)
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyRecords records;

    public IdempotencyInterceptor(IdempotencyRecords records) {
        this.records = records;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        String key = (String) metaData.get(EventMetadata.IDEMPOTENCY_KEY);
        if (key == null) {
            return chain.proceed();
        }
        String principal = (String) metaData.get(EventMetadata.RECORDED_BY);
        String fingerprint = (String) metaData.get(CommandMetadata.REQUEST_FINGERPRINT);
        Optional<Replayed> earlier = records.find(principal, key, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Object result = chain.proceed();
        CommandWrites.current().orElseThrow()
                .add(new IdempotencyRecord(principal, key, fingerprint, CommandOutcome.versionOf(result)));
        return result;
    }
}
