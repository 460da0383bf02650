package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The two pools are configured as Spring Boot's one would be; the processors' differ in size, in their sessions'
 * name and generic plans and, unless commits are to be durable, {@code synchronous_commit}. Nothing connects: the
 * pools start lazily; ReadModelCommitsIT checks the sessions on PostgreSQL.
 */
class ProcessorConnectionsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(TransactionManager.class, () -> mock(TransactionManager.class))
            .withUserConfiguration(Properties.class, ProcessorConnectionsConfiguration.class)
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/ledger",
                    "spring.datasource.username=ledger",
                    "spring.datasource.hikari.maximum-pool-size=12",
                    "spring.datasource.hikari.schema=query",
                    "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true");

    @Test
    void the_reads_pool_is_configured_by_the_datasource_settings() {
        context.run(started -> {
            HikariDataSource reads = started.getBean("readConnections", HikariDataSource.class);
            assertThat(reads.getPoolName()).isEqualTo("reads");
            assertThat(reads.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:1/ledger");
            assertThat(reads.getMaximumPoolSize()).isEqualTo(12);
            assertThat(reads.getSchema()).isEqualTo("query");
            assertThat(reads.getConnectionInitSql()).isNull();
        });
    }

    @Test
    void the_processors_pool_is_the_same_but_for_its_size_plans_once_and_commits_without_waiting_for_the_disk() {
        context.withPropertyValues("ledger.processing.pool-size=5", "spring.datasource.hikari.minimum-idle=12")
                .run(started -> {
            HikariDataSource processors = started.getBean("processorConnections", HikariDataSource.class);
            assertThat(processors.getPoolName()).isEqualTo("processors");
            assertThat(processors.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:1/ledger");
            assertThat(processors.getUsername()).isEqualTo("ledger");
            assertThat(processors.getSchema()).isEqualTo("query");
            assertThat(processors.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
            assertThat(processors.getMaximumPoolSize()).isEqualTo(5);
            assertThat(processors.getMinimumIdle()).isEqualTo(5);
            assertThat(processors.getConnectionInitSql()).isEqualTo(String.join("; ",
                    ProcessorConnectionsConfiguration.NAMED, "SET plan_cache_mode TO force_generic_plan",
                    "SET synchronous_commit TO OFF"));
        });
    }

    @Test
    void durable_commits_leave_the_processors_commits_as_the_server_sets_them() {
        context.withPropertyValues("ledger.processing.durable-commits=true").run(started ->
                assertThat(started.getBean("processorConnections", HikariDataSource.class).getConnectionInitSql())
                        .isEqualTo(ProcessorConnectionsConfiguration.NAMED
                                + "; SET plan_cache_mode TO force_generic_plan"));
    }

    @Test
    void a_session_set_up_by_the_operator_is_set_up_so_for_the_processors_too() {
        context.withPropertyValues("spring.datasource.hikari.connection-init-sql=SET work_mem TO '8MB'").run(started ->
                assertThat(started.getBean("processorConnections", HikariDataSource.class).getConnectionInitSql())
                        .startsWith("SET work_mem TO '8MB'; " + ProcessorConnectionsConfiguration.NAMED)
                        .endsWith("; SET synchronous_commit TO OFF"));
    }

    @Test
    void everything_is_given_the_router_and_the_processors_their_transactions() {
        context.run(started -> {
            assertThat(started.getBean(DataSource.class)).isInstanceOf(ProcessorConnections.class);
            assertThat(started).hasSingleBean(ConfigurerModule.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DataSourceProperties.class)
    static class Properties {
    }
}
