package dk.dialogue.ledger.query.processing;

import dk.dialogue.ledger.query.eventstore.CommitOrderToken;
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
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each projection is behind the event store, across all instances (from the shared tokens):
 * {@code ledger.processor.lag.events} and {@code ledger.processor.lag.seconds} (age of the oldest event not
 * yet processed), and {@code ledger.processor.dead.letters}. Refreshed every few seconds, not per scrape.
 */
@Component
public class ProcessorLag {

    /** Counting stops here: beyond it, "very far behind" is all an operator needs to know. */
    private static final long COUNT_CAP = 1_000_000;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String table;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                        MeterRegistry meters, Clock clock,
                        @Value("${ledger.event-store.table:public.domain_event_entry}") String table) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.meters = meters;
        this.clock = clock;
        this.table = table;
    }

    @Scheduled(fixedDelayString = "${ledger.processing.lag-refresh:5s}")
    public void refresh() {
        for (String processor : processing.eventProcessors().keySet()) {
            CommitOrderToken position = lowestToken(processor);
            List<Map<String, Object>> behind = jdbc.queryForList("SELECT count(*) AS events, min(time_stamp) AS oldest "
                    + "FROM (SELECT time_stamp FROM " + table + " WHERE (tx_id, global_index) > (?::text::xid8, ?) "
                    + "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) LIMIT " + COUNT_CAP + ") pending",
                    Long.toString(position.txId()), position.globalIndex());
            long events = ((Number) behind.get(0).get("events")).longValue();
            Object oldest = behind.get(0).get("oldest");
            long seconds = oldest == null ? 0
                    : Math.max(0, Duration.between(Instant.parse(oldest.toString()), clock.instant()).toSeconds());
            gauge("ledger.processor.lag.events", processor, "events not yet processed").set(events);
            gauge("ledger.processor.lag.seconds", processor, "age of the oldest event not yet processed").set(seconds);
            processing.deadLetterQueue(processor).ifPresent(queue ->
                    gauge("ledger.processor.dead.letters", processor, "events in the dead-letter queue")
                            .set(queue.size()));
        }
    }

    /** The position every segment of the processor has passed. */
    private CommitOrderToken lowestToken(String processor) {
        List<TrackingToken> tokens = jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ? "
                + "AND token IS NOT NULL", (rs, row) -> serializer.deserialize(
                new SimpleSerializedObject<byte[]>(rs.getBytes(1), byte[].class, rs.getString(2), null)), processor);
        return tokens.stream()
                .map(WrappedToken::unwrapLowerBound)
                .filter(CommitOrderToken.class::isInstance)
                .map(CommitOrderToken.class::cast)
                .min(CommitOrderToken::compareTo)
                .orElse(CommitOrderToken.TAIL);
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
