package dk.dialogue.ledger.query.processing;

import dk.dialogue.ledger.query.eventstore.CommitOrderToken;
import dk.dialogue.ledger.query.eventstore.ProcessorPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each projection is behind the event store, across all instances (from the shared tokens):
 * {@code ledger.processor.lag.events} (counted up to {@code ledger.processing.lag-count-cap}),
 * {@code ledger.processor.lag.seconds} (age of the next event to process, the oldest pending one in commit order),
 * and {@code ledger.processor.dead.letters}. Refreshed every few seconds, not per scrape. The count reads only the
 * commit-order index, and the age one row: a processor far behind (a replay) must not make this a full scan.
 */
@Component
public class ProcessorLag {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String pending;
    private final long countCap;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, ProcessorPositions positions,
                        MeterRegistry meters, Clock clock,
                        @Value("${ledger.event-store.table:public.domain_event_entry}") String table,
                        // Beyond it, "very far behind" is all an operator needs to know.
                        @Value("${ledger.processing.lag-count-cap:100000}") long countCap) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.positions = positions;
        this.meters = meters;
        this.clock = clock;
        this.pending = " FROM " + table + " WHERE (tx_id, global_index) > (?::text::xid8, ?)"
                + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())";
        this.countCap = countCap;
    }

    @Scheduled(fixedDelayString = "${ledger.processing.lag-refresh:5s}")
    public void refresh() {
        for (String processor : processing.eventProcessors().keySet()) {
            CommitOrderToken position = positions.lowest(processor);
            Object[] after = {Long.toString(position.txId()), position.globalIndex()};
            long events = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1" + pending + " LIMIT " + countCap
                    + ") counted", Long.class, after);
            List<String> next = events == 0 ? List.of() : jdbc.queryForList("SELECT time_stamp" + pending
                    + " ORDER BY tx_id, global_index LIMIT 1", String.class, after);
            long seconds = next.isEmpty() ? 0
                    : Math.max(0, Duration.between(Instant.parse(next.get(0)), clock.instant()).toSeconds());
            gauge("ledger.processor.lag.events", processor, "events not yet processed").set(events);
            gauge("ledger.processor.lag.seconds", processor, "age of the next event to process").set(seconds);
            processing.deadLetterQueue(processor).ifPresent(queue ->
                    gauge("ledger.processor.dead.letters", processor, "events in the dead-letter queue")
                            .set(queue.size()));
        }
    }

    private AtomicLong gauge(String name, String processor, String description) {
        return values.computeIfAbsent(name + "|" + processor, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("processor", processor).description(description)
                    .register(meters);
            return value;
        });
    }
}
