package dk.dialogue.ledger.command.commit;

import dk.dialogue.ledger.command.document.DocumentStore;
import dk.dialogue.ledger.command.idempotency.IdempotencyRecords;
import dk.dialogue.ledger.command.store.LedgerEventStorageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Commands' writes go to the group commit unless {@code ledger.commands.group-commit.enabled} is false; then each
 * command runs in a transaction of its own on its request's thread and writes there.
 */
@Configuration(proxyBeanMethods = false)
public class GroupCommitConfiguration {

    private static final String ENABLED = "ledger.commands.group-commit.enabled";

    @Bean
    public BatchWriter batchWriter(DocumentStore documents, LedgerEventStorageEngine events,
                                   IdempotencyRecords records) {
        return new BatchWriter(documents, events, records);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
    static class Grouped {

        @Bean
        GroupCommit groupCommit(BatchWriter writer, PlatformTransactionManager transactions,
                                @Value("${ledger.commands.group-commit.max-batch:100}") int maxBatch,
                                MeterRegistry meters) {
            return new GroupCommit(writer, transactions, maxBatch, meters);
        }

        @Bean
        CommandWritesInterceptor commandWritesInterceptor(GroupCommit groupCommit) {
            return new CommandWritesInterceptor(groupCommit);
        }

        /**
         * Replaces Axon's: a command only reads (its thread, an Idempotency-Key) before its writes go to the group
         * commit, so it holds no transaction, nor a connection, while it waits for them to be written.
         */
        @Bean
        TransactionManager axonTransactionManager() {
            return NoTransactionManager.INSTANCE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ENABLED, havingValue = "false")
    static class OneTransactionPerCommand {

        @Bean
        CommandWritesInterceptor commandWritesInterceptor(BatchWriter writer) {
            return new CommandWritesInterceptor(writes -> writer.write(List.of(writes)));
        }

        @Bean
        TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
            return new SpringTransactionManager(transactions);
        }
    }
}
