package dk.dialogue.ledger.query.timeline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Stores timeline entries and reads a thread's timeline. */
public class TimelineRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final TimelineTables tables;

    public TimelineRepository(NamedParameterJdbcTemplate jdbc, TimelineTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** The table written, which tells live and rebuild instances apart. */
    public String table() {
        return tables.entries();
    }

    /** Adds the entries; one already there for that event stays as it is, so a redelivery changes nothing. */
    public void insertAll(Map<String, TimelineProjection.Pending> threads) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        threads.forEach((threadId, thread) -> thread.entries().forEach(entry -> rows.add(new MapSqlParameterSource()
                .addValue("thread", threadId)
                .addValue("sequence", entry.sequence())
                .addValue("type", entry.eventType())
                .addValue("line", entry.line())
                .addValue("actor", entry.actor())
                .addValue("business", entry.businessDate())
                .addValue("recorded", OffsetDateTime.ofInstant(entry.recordedAt(), ZoneOffset.UTC))
                .addValue("by", entry.recordedBy()))));
        jdbc.batchUpdate("INSERT INTO " + tables.entries() + " (thread_id, sequence_number, event_type, line, actor, "
                + "business_date, recorded_at, recorded_by) "
                + "VALUES (:thread, :sequence, :type, :line, :actor, :business, :recorded, :by) "
                + "ON CONFLICT DO NOTHING", rows.toArray(MapSqlParameterSource[]::new));
    }

    /** The thread's entries, oldest event first; empty for a thread the timeline does not know. */
    public List<TimelineEntry> list(String threadId) {
        return jdbc.query("SELECT sequence_number, event_type, line, actor, business_date, recorded_at, recorded_by "
                        + "FROM " + tables.entries() + " WHERE thread_id = :thread ORDER BY sequence_number",
                Map.of("thread", threadId), (rs, row) -> new TimelineEntry(
                        rs.getLong("sequence_number"),
                        rs.getString("event_type"),
                        rs.getString("line"),
                        rs.getString("actor"),
                        rs.getObject("business_date", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        rs.getString("recorded_by")));
    }

    /** The sequence number of the thread's latest entry; empty before its first. */
    public OptionalLong lastSequence(String threadId) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM " + tables.entries()
                + " WHERE thread_id = :thread", Map.of("thread", threadId), Long.class);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /** The sequence number of each of these threads' latest entry; a thread without entries is left out. */
    public Map<String, Long> lastSequences(Collection<String> threadIds) {
        Map<String, Long> last = new HashMap<>();
        jdbc.query("SELECT thread_id, max(sequence_number) FROM " + tables.entries()
                        + " WHERE thread_id = ANY(:threads) GROUP BY thread_id",
                Map.of("threads", threadIds.toArray(String[]::new)),
                rs -> {
                    last.put(rs.getString(1), rs.getLong(2));
                });
        return last;
    }
}
