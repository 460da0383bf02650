package dk.dialogue.ledger.query.party;

import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.query.thread.ThreadStatusTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Party figures, derived from the thread-status read model's party rows: a party's overview is always
 * consistent with the thread list, and is rebuilt with it.
 */
@Repository
public class PartyRepository {

    private static final String FIGURES = """
            SELECT p.party_id, min(p.kind) AS kind, min(p.name) AS name, count(*) AS threads,
                   count(*) FILTER (WHERE t.status IN ('RECEIVED', 'DATE_PROPOSED', 'SCHEDULED')) AS open_threads,
                   count(*) FILTER (WHERE t.status = 'SCHEDULED') AS scheduled,
                   count(*) FILTER (WHERE t.awaiting_answer AND t.deadline_due < :today) AS overdue,
                   count(*) FILTER (WHERE p.awaiting) AS awaiting
            FROM %s p JOIN %s t ON t.thread_id = p.thread_id
            """.formatted(ThreadStatusTables.LIVE.parties(), ThreadStatusTables.LIVE.threads());
    private static final RowMapper<PartySummary> SUMMARY = (rs, row) -> new PartySummary(rs.getString("party_id"),
            PartyKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getLong("threads"),
            rs.getLong("open_threads"), rs.getLong("scheduled"), rs.getLong("overdue"), rs.getLong("awaiting"));

    private final NamedParameterJdbcTemplate jdbc;

    public PartyRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<PartySummary> all(PartyKind kind, LocalDate today) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("today", today);
        String where = "";
        if (kind != null) {
            where = " WHERE p.kind = :kind";
            parameters.addValue("kind", kind.name());
        }
        return jdbc.query(FIGURES + where + " GROUP BY p.party_id ORDER BY min(p.name)", parameters, SUMMARY);
    }

    public Optional<PartySummary> one(String partyId, LocalDate today) {
        return jdbc.query(FIGURES + " WHERE p.party_id = :party GROUP BY p.party_id",
                new MapSqlParameterSource("today", today).addValue("party", partyId), SUMMARY).stream().findFirst();
    }

    /** Ids of the party's threads matching a condition on {@code t} (thread) and {@code p} (party row). */
    public List<String> threadIds(String partyId, String condition, LocalDate today) {
        return jdbc.queryForList("SELECT t.thread_id FROM " + ThreadStatusTables.LIVE.parties() + " p JOIN "
                + ThreadStatusTables.LIVE.threads() + " t ON t.thread_id = p.thread_id WHERE p.party_id = :party AND "
                + condition + " ORDER BY t.last_recorded_at DESC LIMIT 200",
                new MapSqlParameterSource("party", partyId).addValue("today", today), String.class);
    }
}
