package dk.dialogue.ledger.query.processing;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
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
 * ({@code ledger.processing.pool-size}), sessions that plan each statement once ({@link #GENERIC_PLANS}) and,
 * unless {@code ledger.processing.durable-commits} is true, commit without waiting for the disk
 * ({@link ReadModelCommits}).
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorConnectionsConfiguration {

    /**
     * The processors' statements find rows by key or read the event table on from a position, and PostgreSQL chose
     * the same plan for them whatever the values. Yet it planned the reads anew at every execution, having found
     * a custom plan's estimate cheaper than the generic one's: the tail read planned in 0.15 ms for an execution of
     * 0.06, and planning added a quarter to the statements' time in the benchmark (pg_stat_statements with
     * {@code track_planning}, BENCHMARKS.md). Generic plans are made once per prepared statement and session.
     */
    static final String GENERIC_PLANS = "SET plan_cache_mode TO force_generic_plan";
    /** So that {@code pg_stat_activity} tells the processors' sessions from the others. */
    static final String NAMED = "SELECT set_config('application_name', "
            + "concat_ws(' ', nullif(current_setting('application_name'), ''), 'processors'), false)";
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
                                                 @Value("${ledger.processing.pool-size:9}") int size,
                                                 @Value("${ledger.processing.durable-commits:false}") boolean durable) {
        // Started at its first connection, as the reads pool is.
        HikariDataSource pool = new HikariDataSource();
        reads.copyStateTo(pool);
        pool.setPoolName("processors");
        pool.setMaximumPoolSize(size);
        if (reads.getMinimumIdle() > size) {
            pool.setMinimumIdle(size);
        }
        List<String> init = new ArrayList<>();
        if (pool.getConnectionInitSql() != null && !pool.getConnectionInitSql().isBlank()) {
            init.add(pool.getConnectionInitSql());
        }
        init.add(NAMED);
        init.add(GENERIC_PLANS);
        if (!durable) {
            init.add(ASYNCHRONOUS_COMMITS);
        }
        pool.setConnectionInitSql(String.join("; ", init));
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
