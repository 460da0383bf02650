package dk.dialogue.ledger.command.commit;

import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects a command's writes while it is handled and hands them over when its unit of work commits: to the group
 * commit, or to the command's own transaction. The hand-over is registered after the command has been handled, so it
 * runs after the event store's own preparation, which puts the events among the writes. A command that fails, or
 * whose writes fail, writes nothing.
 */
public final class CommandWritesInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Consumer<CommandWrites> sink;

    public CommandWritesInterceptor(Consumer<CommandWrites> sink) {
        this.sink = sink;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandWrites writes = CommandWrites.collectFor(unitOfWork);
        Object result = chain.proceed();
        unitOfWork.onPrepareCommit(committing -> {
            if (!writes.isEmpty()) {
                sink.accept(writes);
            }
        });
        return result;
    }
}
