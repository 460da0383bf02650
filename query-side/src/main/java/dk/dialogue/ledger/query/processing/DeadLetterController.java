package dk.dialogue.ledger.query.processing;

import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists, retries and evicts the events projections failed on (AUDITOR only). */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Dead letters", description = "Events a projection failed on, and the events parked behind them")
public class DeadLetterController {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public DeadLetterController(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    @GetMapping("/{group}")
    @Operation(summary = "The dead letters of one projection, by thread, oldest first")
    public List<DeadLetterView> list(@PathVariable String group) {
        queue(group);
        return jdbc.query("""
                SELECT deadletteridentifier, sequenceidentifier, sequenceindex, payloadtype, sequencenumber,
                       causetype, causemessage, enqueuedat
                FROM deadletterentry WHERE processinggroup = ?
                ORDER BY sequenceidentifier, sequenceindex""", (rs, row) -> new DeadLetterView(rs.getString(1),
                rs.getString(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5), rs.getString(6),
                rs.getString(7), Instant.parse(rs.getString(8))), group);
    }

    @GetMapping
    @Operation(summary = "How many dead letters each projection has")
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        processing.eventProcessors().keySet().forEach(group ->
                processing.deadLetterQueue(group).ifPresent(queue -> counts.put(group, queue.size())));
        return counts;
    }

    @PostMapping("/{group}/{threadId}/retry")
    @Operation(summary = "Hand a thread's dead letters to the projection again, in order")
    public Map<String, Object> retry(@PathVariable String group, @PathVariable String threadId) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> unknown(group));
        boolean processed = processor.process(letter -> threadOf(letter).equals(threadId));
        return Map.of("retried", processed, "remaining", queue(group).sequenceSize(threadId));
    }

    @DeleteMapping("/{group}/{threadId}")
    @Operation(summary = "Drop a thread's dead letters: the projection will not see those events")
    public Map<String, Object> evict(@PathVariable String group, @PathVariable String threadId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(threadId).forEach(letters::add);
        if (letters.isEmpty()) {
            throw new NotFound("no dead letters for thread " + threadId + " in " + group);
        }
        letters.forEach(queue::evict);
        return Map.of("evicted", letters.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> unknown(group));
    }

    private static String threadOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "";
    }

    private static NotFound unknown(String group) {
        return new NotFound("no projection '" + group + "' with a dead-letter queue");
    }
}
