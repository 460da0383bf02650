package dk.dialogue.ledger.query.processing;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projection processors commit without waiting for the disk ({@link ReadModelCommits}) unless
 * {@code ledger.processing.durable-commits} is true.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelCommitsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ledger.processing.durable-commits", havingValue = "false", matchIfMissing = true)
    public ConfigurerModule readModelCommits(TransactionManager transactions, DataSource dataSource) {
        ReadModelCommits commits = new ReadModelCommits(transactions, dataSource);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultTransactionManager(config -> commits));
    }
}
