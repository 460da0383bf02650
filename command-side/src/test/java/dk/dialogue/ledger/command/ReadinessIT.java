package dk.dialogue.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Readiness is UP only once the event store's migrations have run, and DOWN when the database is gone: a load
 * balancer must not send commands to an instance that cannot record them.
 */
@CommandSideIntegrationTest
@DirtiesContext
class ReadinessIT {

    @LocalServerPort
    int port;
    @Autowired
    HikariDataSource dataSource;
    @Autowired
    AtomicReference<Integer> pendingMigrationsWhenReady;

    @Test
    void ready_only_after_the_migrations_and_not_ready_without_the_database() {
        assertThat(pendingMigrationsWhenReady.get()).as("migrations pending when readiness went UP").isZero();
        LedgerClient anonymous = LedgerClient.anonymous(port);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        dataSource.close();

        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(anonymous.get("/actuator/health/liveness").status()).as("alive: restarting would not help")
                .isEqualTo(200);
    }

    @TestConfiguration
    static class RecordMigrationsWhenReady {

        @Bean
        AtomicReference<Integer> pendingMigrationsWhenReady() {
            return new AtomicReference<>();
        }

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> migrationsWhenReady(
                @Lazy Flyway flyway, AtomicReference<Integer> pendingMigrationsWhenReady) {
            return event -> {
                if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                    pendingMigrationsWhenReady.set(flyway.info().pending().length);
                }
            };
        }
    }
}
