package dk.dialogue.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the query side's progress straight from its token store: a processor has caught up when every
 * segment's token has passed the newest event in the store.
 */
final class Projections {

    /** thread-status, timeline, meetings and the feed: the processors the query side always has. */
    static final int PROCESSORS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Projections() {
    }

    static boolean caughtUp(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            long newest;
            try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
                rs.next();
                newest = rs.getLong(1);
            }
            try (ResultSet schema = statement.executeQuery("SELECT to_regclass('query.tokenentry') IS NOT NULL")) {
                schema.next();
                if (!schema.getBoolean(1)) {
                    return false;
                }
            }
            Map<String, Long> lowest = new HashMap<>();
            try (ResultSet rs = statement.executeQuery("SELECT processorname, token FROM query.tokenentry")) {
                while (rs.next()) {
                    lowest.merge(rs.getString(1), position(rs.getBytes(2)), Math::min);
                }
            }
            // An empty store leaves every token without a position: nothing to catch up with.
            return lowest.size() >= PROCESSORS
                    && (newest == 0 || lowest.values().stream().allMatch(position -> position >= newest));
        }
    }

    /**
     * The global index a token stands at, -1 before the first event. A processor's first token is a replay token
     * (Axon's default): its position is that of the token inside it, not the head it replays up to.
     */
    static long position(byte[] token) throws SQLException {
        if (token == null) {
            return -1;
        }
        try {
            JsonNode node = JSON.readTree(token);
            JsonNode current = node.has("tokenAtReset") ? node.path("currentToken") : node;
            return current.path("globalIndex").asLong(-1);
        } catch (IOException e) {
            throw new SQLException("unreadable token: " + new String(token, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
