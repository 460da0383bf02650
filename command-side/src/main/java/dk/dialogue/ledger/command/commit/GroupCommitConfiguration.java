package dk.dialogue.ledger.command.commit;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Commands are written by the group commit unless {@code ledger.commands.group-commit.enabled} is false, in which case
 * each runs in a transaction of its own on its request's thread.
 */
@Configuration(proxyBeanMethods = false)
public class GroupCommitConfiguration {

    private static final String ENABLED = "ledger.commands.group-commit.enabled";

    /** Replaces Axon's: the command bus and the snapshotter open a savepoint inside a running transaction. */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new CommandTransactions(transactions);
    }

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
    public GroupCommit groupCommit(CommandGateway gateway, PlatformTransactionManager transactions,
                                   @Qualifier("threadCache") Cache threads,
                                   @Value("${ledger.commands.group-commit.writers:4}") int writers,
                                   @Value("${ledger.commands.group-commit.max-batch:64}") int maxBatch,
                                   MeterRegistry meters) {
        return new GroupCommit(command -> gateway.sendAndWait(command), transactions, threads, writers, maxBatch,
                meters);
    }

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "false")
    public CommandSender commandPerTransaction(CommandGateway gateway) {
        return (threadId, command) -> gateway.sendAndWait(command);
    }
}
