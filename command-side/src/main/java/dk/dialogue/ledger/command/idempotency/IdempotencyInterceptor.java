package dk.dialogue.ledger.command.idempotency;

import dk.dialogue.ledger.events.EventMetadata;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims a command's Idempotency-Key in the transaction that appends its events. A copy that arrives
 * while the first is in flight waits on the key's row and then answers with the first one's outcome;
 * if the first failed, its claim rolled back and the copy runs instead.
 * <p>
 * Axon's Spring Boot support registers every handler interceptor bean on the command bus, in bean order,
 * behind the transaction interceptor the bus opens first. This one goes before the document interceptor,
 * so a replayed request stops here, before anything is written.
 */
@Component
@Order(1)
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;

    public IdempotencyInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        int claimed = jdbc.update("""
                INSERT INTO idempotency_record (principal, idempotency_key, fingerprint)
                VALUES (?, ?, ?)
                ON CONFLICT (principal, idempotency_key) DO NOTHING""", principal, key, fingerprint);
        if (claimed == 0) {
            return replay(principal, key, fingerprint);
        }
        Object result = chain.proceed();
        jdbc.update("UPDATE idempotency_record SET version = ? WHERE principal = ? AND idempotency_key = ?",
                CommandOutcome.versionOf(result), principal, key);
        return result;
    }

    private Replayed replay(String principal, String key, String fingerprint) {
        List<Replayed> earlier = jdbc.query("""
                SELECT fingerprint, version FROM idempotency_record
                WHERE principal = ? AND idempotency_key = ?""", (rs, row) -> {
            if (!rs.getString(1).equals(fingerprint)) {
                throw new IdempotencyKeyReused(key);
            }
            return new Replayed(rs.getLong(2));
        }, principal, key);
        return earlier.get(0);
    }
}
