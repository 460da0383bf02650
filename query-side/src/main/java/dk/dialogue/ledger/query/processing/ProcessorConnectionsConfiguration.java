package dk.dialogue.ledger.query.processing;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The two connection pools behind the query side's {@link ProcessorConnections}: {@code reads}, configured by
 * {@code spring.datasource.*} as Spring Boot's one pool would be, and {@code processors}, the same but for its size
 * ({@code ledger.processing.pool-size}) and, unless {@code ledger.processing.durable-commits} is true, sessions
 * that commit without waiting for the disk ({@link ReadModelCommits}).
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorConnectionsConfiguration {

    static final String ASYNCHRONOUS_COMMITS = "SET synchronous_commit TO OFF";

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource readConnections(DataSourceProperties properties) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("reads");
        return pool;
    }

    @Bean
    public HikariDataSource processorConnections(@Qualifier("readConnections") HikariDataSource reads,
                                                 @Value("${ledger.processing.pool-size:8}") int size,
                                                 @Value("${ledger.processing.durable-commits:false}") boolean durable) {
        // Started at its first connection, as the reads pool is.
        HikariDataSource pool = new HikariDataSource();
        reads.copyStateTo(pool);
        pool.setPoolName("processors");
        pool.setMaximumPoolSize(size);
        if (reads.getMinimumIdle() > size) {
            pool.setMinimumIdle(size);
        }
        if (!durable) {
            String init = pool.getConnectionInitSql();
            pool.setConnectionInitSql(init == null || init.isBlank() ? ASYNCHRONOUS_COMMITS
                    : init + "; " + ASYNCHRONOUS_COMMITS);
        }
        return pool;
    }

    /** The data source everything is given (repositories, Flyway, Axon's token store and dead letters). */
    @Bean
    @Primary
    public ProcessorConnections dataSource(@Qualifier("readConnections") HikariDataSource reads,
                                           @Qualifier("processorConnections") HikariDataSource processors) {
        return new ProcessorConnections(reads, processors);
    }

    @Bean
    public ConfigurerModule readModelCommits(TransactionManager transactions) {
        ReadModelCommits commits = new ReadModelCommits(transactions);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultTransactionManager(config -> commits));
    }
}
