package dk.dialogue.ledger.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Listens for the read-model changes every instance's projections announce on commit, and hands them to
 * this instance's live subscribers and waiting reads. One connection is kept for listening; it is re-opened when lost.
 */
@Component
public class ChangeListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final LiveUpdates updates;
    private final ReadModelWaits waits;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running;
    private Thread thread;

    public ChangeListener(DataSource dataSource, JdbcTemplate jdbc, LiveUpdates updates, ReadModelWaits waits) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.updates = updates;
        this.waits = waits;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "read-model-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ReadModelChanges.CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            ReadModelChange change = json.readValue(notification.getParameter(),
                                    ReadModelChange.class);
                            waits.changed(change);
                            updates.deliver(change, this::partiesOf);
                        }
                    }
                }
            } catch (SQLException | IOException e) {
                if (running) {
                    LOG.warn("Listening for read-model changes failed, retrying in a second: {}", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private Set<String> partiesOf(String threadId) {
        return new HashSet<>(jdbc.queryForList("SELECT party_id FROM thread_party WHERE thread_id = ?", String.class,
                threadId));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
