package dk.dialogue.ledger.query.feed.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dk.dialogue.ledger.query.feed.CloudEvent;
import dk.dialogue.ledger.query.feed.FeedRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the feed to a RabbitMQ topic exchange, routing key = event type, persistent messages with the
 * event id as message id. It reads the feed in position order and advances its checkpoint only after the
 * broker confirmed the batch: after a crash it resumes from the checkpoint, so every event is published at
 * least once and, per thread, in order. One instance publishes at a time (a PostgreSQL advisory lock);
 * the others stand by.
 */
@Component
@ConditionalOnProperty(name = "ledger.feed.broker.enabled", havingValue = "true")
public class BrokerPublisher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerPublisher.class);
    private static final int BATCH = 500;

    private final FeedRepository feed;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final String uri;
    private final String exchange;
    private final String name;
    private final Duration poll;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public BrokerPublisher(FeedRepository feed, DataSource dataSource, JdbcTemplate jdbc, MeterRegistry meters,
                           @Value("${ledger.feed.broker.uri:amqp://guest:guest@localhost:5672}") String uri,
                           @Value("${ledger.feed.broker.exchange:ledger.events}") String exchange,
                           @Value("${ledger.feed.broker.name:rabbitmq}") String name,
                           @Value("${ledger.feed.broker.poll:100ms}") Duration poll) {
        this.feed = feed;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.uri = uri;
        this.exchange = exchange;
        this.name = name;
        this.poll = poll;
        Gauge.builder("ledger.feed.broker.lag.events", this, publisher -> feed.head() - publisher.published.get())
                .description("feed events not yet confirmed by the broker").register(meters);
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "feed-broker-publisher");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The position the broker has confirmed up to. */
    public long checkpoint() {
        return jdbc.query("SELECT position FROM feed_publisher_checkpoint WHERE name = ?",
                (rs, row) -> rs.getLong(1), name).stream().findFirst().orElse(0L);
    }

    private void run() {
        while (running) {
            try (java.sql.Connection lock = dataSource.getConnection()) {
                if (!tryLock(lock)) {
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                try {
                    publishWhileRunning(lock);
                } finally {
                    unlock(lock);
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("Publishing the feed to {} failed; resuming from the checkpoint in a second: {}", uri,
                            e.getMessage());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    /**
     * The advisory lock belongs to the session of this pooled connection: it must be released before the
     * connection goes back to the pool, or the pool keeps it and no publisher (this one after a restart
     * included) can take it again.
     */
    private boolean tryLock(java.sql.Connection lock) throws Exception {
        return lockCall(lock, "SELECT pg_try_advisory_lock(hashtext(?))");
    }

    private void unlock(java.sql.Connection lock) {
        try {
            lockCall(lock, "SELECT pg_advisory_unlock(hashtext(?))");
        } catch (Exception e) {
            LOG.debug("Releasing the publisher's advisory lock failed; the session ends with the connection: {}",
                    e.getMessage());
        }
    }

    private boolean lockCall(java.sql.Connection lock, String sql) throws Exception {
        try (PreparedStatement statement = lock.prepareStatement(sql)) {
            statement.setString(1, "ledger-feed-publisher:" + name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /**
     * The checkpoint is written through the lock's own connection: if that session dies, the lock is gone
     * and the write fails, so a publisher never goes on publishing after another one may have taken over.
     */
    private void publishWhileRunning(java.sql.Connection lock) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("ledger-feed-publisher");
             Channel channel = connection.createChannel();
             PreparedStatement save = lock.prepareStatement("""
                     INSERT INTO feed_publisher_checkpoint (name, position) VALUES (?, ?)
                     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()""")) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            channel.confirmSelect();
            long position = checkpoint();
            published.set(position);
            LOG.info("Publishing the feed to exchange {} from position {}", exchange, position);
            while (running) {
                List<CloudEvent> events = feed.after(position, BATCH, List.of(), null);
                if (events.isEmpty()) {
                    pause(poll);
                    continue;
                }
                for (CloudEvent event : events) {
                    channel.basicPublish(exchange, event.type(), false, properties(event), json.writeValueAsBytes(event));
                }
                channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
                position = events.get(events.size() - 1).ledgerposition();
                save.setString(1, name);
                save.setLong(2, position);
                save.executeUpdate();
                published.set(position);
            }
        }
    }

    private static AMQP.BasicProperties properties(CloudEvent event) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json")
                .deliveryMode(2)
                .messageId(event.id())
                .type(event.type())
                .headers(Map.of("ledgerposition", event.ledgerposition(), "subject", event.subject(),
                        "ledgersequence", event.ledgersequence()))
                .build();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
