package dk.dialogue.ledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class ProcessorHealthIndicatorTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor threadStatus = mock(StreamingEventProcessor.class);
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final ProcessorHealthIndicator indicator = new ProcessorHealthIndicator(processing);

    ProcessorHealthIndicatorTest() {
        when(processing.eventProcessors()).thenReturn(Map.of("thread-status", threadStatus));
        when(threadStatus.processingStatus()).thenReturn(Map.of(0, segment));
        when(threadStatus.isRunning()).thenReturn(true);
    }

    @Test
    void is_up_while_every_processor_runs_without_error() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void is_down_while_a_processor_is_in_error() {
        when(threadStatus.isError()).thenReturn(true);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void is_down_while_a_segment_is_in_error() {
        when(segment.isErrorState()).thenReturn(true);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails().get("thread-status").toString()).contains("segmentsInError=1");
    }

    @Test
    void is_down_while_a_processor_is_stopped() {
        when(threadStatus.isRunning()).thenReturn(false);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
