package dk.dialogue.ledger.query.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the feed by position: everything after a cursor, optionally of some types or one party's threads. */
@Repository
public class FeedRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final String source;

    public FeedRepository(NamedParameterJdbcTemplate jdbc, @Value("${ledger.feed.source:/dk/dialogue-ledger}") String source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    public List<CloudEvent> after(long position, int limit, List<String> types, String partyId) {
        StringBuilder sql = new StringBuilder("SELECT position, event_identifier, type, thread_id, sequence_number, "
                + "recorded_at, business_date, correlation_id, data::text AS data FROM feed_entry f WHERE position > :after");
        MapSqlParameterSource parameters = new MapSqlParameterSource("after", position).addValue("limit", limit);
        if (!types.isEmpty()) {
            sql.append(" AND type IN (:types)");
            parameters.addValue("types", types);
        }
        if (partyId != null) {
            sql.append(" AND thread_id IN (SELECT thread_id FROM feed_thread_party WHERE party_id = :party)");
            parameters.addValue("party", partyId);
        }
        sql.append(" ORDER BY position LIMIT :limit");
        return jdbc.query(sql.toString(), parameters, this::cloudEvent);
    }

    /** The last position written, 0 for an empty feed. */
    public long head() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT coalesce(max(position), 0) FROM feed_entry", Long.class);
    }

    private CloudEvent cloudEvent(ResultSet row, int number) throws SQLException {
        return new CloudEvent("1.0", row.getString("event_identifier"), source, row.getString("type"),
                row.getString("thread_id"), row.getTimestamp("recorded_at").toInstant().toString(),
                "application/json", row.getLong("position"), row.getLong("sequence_number"),
                row.getString("business_date"), row.getString("correlation_id"),
                RawJson.of(row.getBytes("data")));
    }
}
