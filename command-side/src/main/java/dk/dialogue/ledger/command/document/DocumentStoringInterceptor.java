package dk.dialogue.ledger.command.document;

import dk.dialogue.ledger.command.commit.CommandWrites;
import dk.dialogue.ledger.command.thread.CarriesDocuments;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts a command's documents among its writes, which are stored in the transaction that appends its events, so a
 * rejected command leaves no document behind and an accepted one never refers to a missing text. Registered on the
 * command bus by Axon's Spring Boot support, after the idempotency check.
 */
@Component
@Order(2)
public class DocumentStoringInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof CarriesDocuments carrier) {
            CommandWrites writes = CommandWrites.current().orElseThrow();
            carrier.documents().forEach(writes::add);
        }
        return result;
    }
}
