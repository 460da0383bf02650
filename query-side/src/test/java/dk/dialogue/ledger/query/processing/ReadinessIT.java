package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
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

/**
 * Readiness goes UP only when the read side's migrations have run and every processor runs, and the readiness
 * probe (not only the indicator, see ProcessorHealthIndicatorTest) answers 503 while a processor is stopped.
 */
@QuerySideIntegrationTest
class ReadinessIT {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AtomicReference<StateWhenReady> stateWhenReady;

    @Test
    void ready_after_migrations_with_every_processor_running_and_not_ready_while_one_is_stopped() throws Exception {
        assertThat(stateWhenReady.get().pendingMigrations()).isZero();
        assertThat(stateWhenReady.get().processorsRunning()).as("processors running when readiness went UP")
                .containsKeys("thread-status", "timeline", "meetings", "feed")
                .doesNotContainValue(false);
        assertThat(readiness()).isEqualTo(200);

        EventProcessor timeline = processing.eventProcessor("timeline").orElseThrow();
        timeline.shutDown();
        try {
            assertThat(readiness()).isEqualTo(503);
        } finally {
            timeline.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    }

    private int readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    record StateWhenReady(int pendingMigrations, Map<String, Boolean> processorsRunning) {
    }

    @TestConfiguration
    static class RecordStateWhenReady {

        @Bean
        AtomicReference<StateWhenReady> stateWhenReady() {
            return new AtomicReference<>();
        }

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> recordWhenReady(@Lazy Flyway flyway,
                @Lazy EventProcessingConfiguration processing, AtomicReference<StateWhenReady> stateWhenReady) {
            return event -> {
                if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                    stateWhenReady.set(new StateWhenReady(flyway.info().pending().length,
                            processing.eventProcessors().entrySet().stream().collect(Collectors.toMap(
                                    Map.Entry::getKey, entry -> entry.getValue().isRunning()))));
                }
            };
        }
    }
}
