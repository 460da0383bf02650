package dk.dialogue.ledger.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the query side's progress straight from its token store: a processor has caught up when every
 * segment's token has passed the newest event in the store.
 */
final class Projections {

    /** thread-status, timeline, meetings and the feed: the processors the query side always has. */
    static final int PROCESSORS = 4;
    private static final Pattern GLOBAL_INDEX = Pattern.compile("\"globalIndex\"\\s*:\\s*(-?\\d+)");

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
                    byte[] token = rs.getBytes(2);
                    long position = -1;
                    if (token != null) {
                        Matcher m = GLOBAL_INDEX.matcher(new String(token, java.nio.charset.StandardCharsets.UTF_8));
                        while (m.find()) {
                            position = Long.parseLong(m.group(1));
                        }
                    }
                    lowest.merge(rs.getString(1), position, Math::min);
                }
            }
            // An empty store leaves every token without a position: nothing to catch up with.
            return lowest.size() >= PROCESSORS
                    && (newest == 0 || lowest.values().stream().allMatch(position -> position >= newest));
        }
    }
}
