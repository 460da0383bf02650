package dk.dialogue.ledger.command.commit;

import org.axonframework.commandhandling.CommandMessage;

/** Hands a command to Axon and answers with its result once its events are durable, or throws its failure. */
@FunctionalInterface
public interface CommandSender {

    /**
     * @param threadId the thread the command targets: commands on one thread are written in the order they are sent
     * @param command  the command with its metadata
     */
    Object send(String threadId, CommandMessage<?> command);
}
