package dk.dialogue.ledger.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Announces read-model changes with PostgreSQL's NOTIFY, inside the transaction that writes them: the
 * announcement reaches every query-side instance exactly when, and only if, the change commits.
 */
public class ReadModelChanges {

    public static final String CHANNEL = "ledger_read_models";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ReadModelChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** For rebuilds: replays change nothing that clients see until the switch, so they announce nothing. */
    public static ReadModelChanges silent() {
        return new ReadModelChanges(null);
    }

    /** One statement for all of a batch's changes, each its own notification. */
    public void announce(Collection<ReadModelChange> changes) {
        if (jdbc == null || changes.isEmpty()) {
            return;
        }
        String[] payloads = changes.stream().map(ReadModelChanges::payload).toArray(String[]::new);
        jdbc.query("SELECT pg_notify(?, payload) FROM unnest(?::text[]) AS payload", rs -> {
        }, CHANNEL, payloads);
    }

    private static String payload(ReadModelChange change) {
        try {
            return JSON.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
