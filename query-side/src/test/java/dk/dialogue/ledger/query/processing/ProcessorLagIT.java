package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The lag metrics against real PostgreSQL and the shared tokens: a stopped projection is behind by exactly the
 * events stored since (counted up to the cap) and by the age of the next one; a running one catches up to zero.
 */
@QuerySideIntegrationTest
@TestPropertySource(properties = {"ledger.processing.lag-count-cap=4", "ledger.processing.lag-refresh=1h"})
class ProcessorLagIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorLag lag;
    @Autowired
    MeterRegistry meters;

    @Test
    void a_stopped_projection_lags_by_the_events_stored_since_up_to_the_cap_and_by_the_age_of_the_next_one()
            throws Exception {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        store.append(Courses.jobcamp(UUID.randomUUID().toString(), null));
        awaitCaughtUp("timeline");
        awaitCaughtUp("thread-status");

        EventProcessor timeline = processing.eventProcessor("timeline").orElseThrow();
        timeline.shutDown();
        try {
            Instant firstPending = Instant.now();
            store.append(Courses.jobcamp(UUID.randomUUID().toString(), null));
            awaitCaughtUp("thread-status");
            lag.refresh();
            assertThat(gauge("ledger.processor.lag.events", "timeline")).as("three events, below the cap").isEqualTo(3);

            store.append(Courses.visit(UUID.randomUUID().toString(), null));
            awaitCaughtUp("thread-status");
            Thread.sleep(2_100);
            lag.refresh();
            assertThat(gauge("ledger.processor.lag.events", "timeline")).as("eight events, counted up to the cap")
                    .isEqualTo(4);
            assertThat(gauge("ledger.processor.lag.seconds", "timeline")).as("age of the first pending event")
                    .isBetween(2.0, (double) Duration.between(firstPending, Instant.now()).toSeconds());
            assertThat(gauge("ledger.processor.lag.seconds", "thread-status")).isZero();
        } finally {
            timeline.start();
        }
        awaitCaughtUp("timeline");
        assertThat(gauge("ledger.processor.lag.seconds", "timeline")).isZero();
    }

    private void awaitCaughtUp(String processor) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            lag.refresh();
            return gauge("ledger.processor.lag.events", processor) == 0;
        });
    }

    private double gauge(String name, String processor) {
        return meters.get(name).tag("processor", processor).gauge().value();
    }
}
