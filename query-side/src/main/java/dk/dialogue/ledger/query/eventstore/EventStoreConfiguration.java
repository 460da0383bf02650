package dk.dialogue.ledger.query.eventstore;

import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.upcasting.Upcasters;
import dk.dialogue.ledger.query.processing.ProcessorConnections;
import dk.dialogue.ledger.query.processing.Savepoints;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The query side's view of the event store: read in commit order (gap-safe), followed closely at the
 * tail, with processing tokens and dead letters in this side's own schema.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    /** The same encoding the command side writes with; never Spring's ObjectMapper. */
    private static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public CommitOrderEventStorageEngine eventStorageEngine(
            ConnectionProvider connections, TransactionManager transactions, Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Value("${ledger.event-store.table:public.domain_event_entry}") String table,
            @Value("${ledger.event-store.batch-size:500}") int batchSize,
            @Value("${ledger.event-store.shared-decoded-events:10000}") int sharedDecodedEvents,
            EventArrivals arrivals, MeterRegistry meters) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .dataType(byte[].class)
                .upcasterChain(new EventUpcasterChain(Upcasters.all()))
                .batchSize(batchSize);
        return new CommitOrderEventStorageEngine(builder, table, connections, arrivals,
                new SharedDecoding(sharedDecodedEvents, meters));
    }

    @Bean
    public EventArrivals eventArrivals(@Value("${ledger.processing.wake-up-interval:20ms}") Duration interval) {
        return new EventArrivals(interval);
    }

    /** What the processors read (application.yml names it as their source). */
    @Bean
    public ProcessorEventSource processorEventSource(EmbeddedEventStore eventStore, EventArrivals arrivals) {
        return new ProcessorEventSource(eventStore, arrivals);
    }

    /**
     * Polls the tail every few tens of milliseconds, so another JVM's events show within a fraction of a second,
     * and keeps the newest events for the processors that follow it. Axon keeps 10,000 by default: live, they
     * outlived many young collections and were copied at each; a processor further behind reads on its own.
     * The tail reader's thread takes the processors' connections: it reads for them, and their sessions plan its
     * query once instead of at every poll (ProcessorConnectionsConfiguration).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         @Value("${ledger.event-store.tail-delay:25ms}") Duration tailDelay,
                                         @Value("${ledger.event-store.cached-events:2000}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(tailDelay.toMillis())
                .cachedEvents(cachedEvents)
                .cleanupDelay(10_000)
                .threadFactory(ProcessorConnections.threads(
                        new AxonThreadFactory(EmbeddedEventStore.class.getSimpleName())))
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer,
                                 @Value("${ledger.processing.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(claimTimeout)
                .build();
    }

    /**
     * A failing handler must neither be logged and skipped (Axon's default) nor stop everything: the
     * dead-letter queue takes the failing event and parks its thread's later events; a failure outside
     * any handler propagates and the processor retries. The processors' batches read without savepoints until a
     * read fails ({@link Savepoints}).
     */
    @Bean
    public ConfigurerModule failuresPropagate(Savepoints savepoints) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((config, processor) -> savepoints.liveBatches()));
    }
}
