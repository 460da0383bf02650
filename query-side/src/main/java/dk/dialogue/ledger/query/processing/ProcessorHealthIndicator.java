package dk.dialogue.ledger.query.processing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN while any projection's processor is stopped or in error, so a load balancer stops sending reads
 * to an instance whose read models are not advancing. Part of the readiness group.
 */
@Component("eventProcessors")
public class ProcessorHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public ProcessorHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean healthy = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            Map<String, Object> details = new LinkedHashMap<>();
            EventProcessor processor = entry.getValue();
            details.put("running", processor.isRunning());
            details.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                details.put("segmentsClaimedHere", streaming.processingStatus().size());
                details.put("segmentsInError", streaming.processingStatus().values().stream()
                        .filter(status -> status.isErrorState()).count());
                healthy &= streaming.processingStatus().values().stream().noneMatch(status -> status.isErrorState());
            }
            healthy &= processor.isRunning() && !processor.isError();
            health.withDetail(entry.getKey(), details);
        }
        if (healthy) {
            health.up();
        } else {
            health.down();
        }
    }
}
