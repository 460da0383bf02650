package dk.dialogue.ledger.command.store;

import dk.dialogue.ledger.command.document.DocumentStoringInterceptor;
import dk.dialogue.ledger.command.idempotency.IdempotencyInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/**
 * Puts the idempotency and document interceptors on the command bus, behind the transaction interceptor
 * the bus opens first: both write in the transaction that appends the command's events. A replayed
 * request stops at the idempotency check, before any document is written.
 */
@Component
class CommandInterceptors {

    CommandInterceptors(CommandBus commandBus, IdempotencyInterceptor idempotency,
                        DocumentStoringInterceptor documents) {
        commandBus.registerHandlerInterceptor(idempotency);
        commandBus.registerHandlerInterceptor(documents);
    }
}
