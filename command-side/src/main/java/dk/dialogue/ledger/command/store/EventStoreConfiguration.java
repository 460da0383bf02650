package dk.dialogue.ledger.command.store;

import dk.dialogue.ledger.events.upcasting.Upcasters;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Wires Axon's JDBC event storage engine to the Flyway-owned tables of {@code V1__event_store.sql}. */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Column and table names as created by the migration: snake case instead of Axon's camel case defaults. */
    public static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** Another writer appended this sequence number first. */
    private static final SQLStateResolver DUPLICATE = new SQLStateResolver("23505");
    /** The append would put the thread's event before a younger transaction's (V5__commit_order_per_thread.sql). */
    private static final SQLStateResolver OUT_OF_COMMIT_ORDER = new SQLStateResolver("40001");
    /** PostgreSQL broke a lock cycle between two transactions appending to the same threads in opposite orders. */
    private static final SQLStateResolver DEADLOCK = new SQLStateResolver("40P01");

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

    private static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(AxonJson.objectMapper()).build();
    }

    /**
     * A duplicate (thread, sequence number) is a concurrent append, not a server error; so are the other two ways in
     * which a concurrent writer can refuse an append. Axon answers all three with a ConcurrencyException, which the
     * command side retries on fresh state.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return e -> DUPLICATE.isDuplicateKeyViolation(e) || OUT_OF_COMMIT_ORDER.isDuplicateKeyViolation(e)
                || DEADLOCK.isDuplicateKeyViolation(e);
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public LedgerEventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                                       TransactionManager transactionManager,
                                                       Serializer serializer,
                                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                                       PersistenceExceptionResolver persistenceExceptionResolver,
                                                       @Value("${ledger.event-store.batch-size:500}") int batchSize) {
        return new LedgerEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .schema(SCHEMA)
                .dataType(byte[].class)
                .upcasterChain(new EventUpcasterChain(Upcasters.all()))
                .batchSize(batchSize));
    }

    @Bean
    public Cache threadCache(@Value("${ledger.event-store.cached-threads:5000}") long cachedThreads) {
        return new ThreadCache(cachedThreads);
    }

    @Bean
    public SnapshotTriggerDefinition threadSnapshotTrigger(Snapshotter snapshotter,
                                                           @Value("${ledger.event-store.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }
}
