package dk.dialogue.ledger.query.feed.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs against the RabbitMQ server on 127.0.0.1:5672 when one answers there (CI has one); otherwise it
 * says so and is skipped, as no embedded broker exists.
 */
@QuerySideIntegrationTest
@TestPropertySource(properties = {"ledger.feed.broker.enabled=true",
        "ledger.feed.broker.uri=amqp://guest:guest@127.0.0.1:5672", "ledger.feed.broker.exchange=ledger.events.test"})
class BrokerPublisherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;
    @Autowired
    BrokerPublisher publisher;

    @BeforeAll
    static void brokerAnswers() {
        boolean answers;
        try (Socket socket = new Socket("127.0.0.1", 5672)) {
            answers = true;
        } catch (IOException e) {
            answers = false;
        }
        if (!answers) {
            System.out.println("BrokerPublisherIT SKIPPED: no RabbitMQ answers on 127.0.0.1:5672");
        }
        Assumptions.assumeTrue(answers, "no RabbitMQ answers on 127.0.0.1:5672: broker publishing not tested");
    }

    @Test
    void every_event_is_published_in_thread_order_and_publishing_resumes_after_a_stop() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("ledger.events.test", "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, "ledger.events.test", "dk.dialogue.ledger.#");
            EventStoreWriter store = new EventStoreWriter(dataSource);
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                threads.add(append(store));
            }
            Map<String, List<Long>> received = new HashMap<>();
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> drain(channel, queue, received, threads) == 50);
            double seconds = (System.nanoTime() - started) / 1e9;

            publisher.stop();
            assertThat(publisherLocks()).as("a stopped publisher leaves its advisory lock in no pooled session")
                    .isZero();
            for (int i = 0; i < 5; i++) {
                threads.add(append(store));
            }
            publisher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> drain(channel, queue, received, threads) >= 75);

            System.out.printf("BrokerPublisherIT: 50 events appended and confirmed by RabbitMQ within %.2f s%n", seconds);
            for (String thread : threads) {
                assertThat(received.get(thread)).as("thread " + thread + " in order, each event at least once")
                        .startsWith(0L, 1L, 2L, 3L, 4L);
                assertThat(received.get(thread)).isSorted();
            }
            assertThat(publisher.checkpoint()).isPositive();
        }
    }

    private long publisherLocks() {
        return new JdbcTemplate(dataSource).queryForObject("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1
                   AND ((classid::bigint << 32) | objid::bigint) = hashtext('ledger-feed-publisher:rabbitmq')::bigint""",
                Long.class);
    }

    private static String append(EventStoreWriter store) {
        String thread = UUID.randomUUID().toString();
        store.append(Courses.visit(thread, null));
        return thread;
    }

    private static int drain(Channel channel, String queue, Map<String, List<Long>> received, List<String> threads)
            throws IOException {
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            JsonNode event = JSON.readTree(message.getBody());
            assertThat(message.getProps().getMessageId()).isEqualTo(event.get("id").asText());
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo(event.get("type").asText());
            received.computeIfAbsent(event.get("subject").asText(), key -> new ArrayList<>())
                    .add(event.get("ledgersequence").asLong());
        }
        return threads.stream().mapToInt(thread -> received.getOrDefault(thread, List.of()).size()).sum();
    }
}
