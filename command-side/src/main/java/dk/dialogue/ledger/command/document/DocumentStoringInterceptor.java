package dk.dialogue.ledger.command.document;

import dk.dialogue.ledger.command.thread.CarriesDocuments;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes a command's documents in the transaction that appends its events, so a rejected command leaves
 * no document behind and an accepted one never refers to a missing text. Registered on the command bus by
 * Axon's Spring Boot support, after the idempotency check.
 */
@Component
@Order(2)
public class DocumentStoringInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final DocumentStore documents;

    public DocumentStoringInterceptor(DocumentStore documents) {
        this.documents = documents;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof CarriesDocuments carrier) {
            carrier.documents().forEach(documents::store);
        }
        return result;
    }
}
