package dk.dialogue.ledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.query.thread.PartyIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Stores meetings and the projection's memory of threads, and answers calendars' questions. */
public class MeetingRepository {

    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final MeetingTables tables;
    private final String upsertMeeting;

    public MeetingRepository(NamedParameterJdbcTemplate jdbc, MeetingTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.upsertMeeting = "INSERT INTO " + tables.meetings() + " (thread_id, version, subject, status, "
                + "slot_start, slot_end, slot_precision, slot_wording, location_name, location_address, held_on, reschedules, parties, "
                + "party_ids, last_recorded_at) VALUES (:id, :version, :subject, :status, :start, :end, :precision, "
                + ":wording, :locationName, :locationAddress, :heldOn, :reschedules, CAST(:parties AS jsonb), "
                + "ARRAY(SELECT jsonb_array_elements_text(CAST(:partyIds AS jsonb))), :recorded) "
                + "ON CONFLICT (thread_id) DO UPDATE SET version = EXCLUDED.version, subject = EXCLUDED.subject, "
                + "status = EXCLUDED.status, slot_start = EXCLUDED.slot_start, slot_end = EXCLUDED.slot_end, "
                + "slot_precision = EXCLUDED.slot_precision, slot_wording = EXCLUDED.slot_wording, "
                + "location_name = EXCLUDED.location_name, location_address = EXCLUDED.location_address, "
                + "held_on = EXCLUDED.held_on, reschedules = EXCLUDED.reschedules, parties = EXCLUDED.parties, "
                + "party_ids = EXCLUDED.party_ids, last_recorded_at = EXCLUDED.last_recorded_at";
    }

    Optional<MeetingThread> findThread(String threadId) {
        return jdbc.query("SELECT * FROM " + tables.threads() + " WHERE thread_id = :id", Map.of("id", threadId),
                (rs, row) -> thread(rs)).stream().findFirst();
    }

    /** The stored threads among these, by thread id. */
    Map<String, MeetingThread> findThreads(Collection<String> threadIds) {
        return byThread(jdbc.query("SELECT * FROM " + tables.threads() + " WHERE thread_id = ANY(:ids)",
                Map.of("ids", threadIds.toArray(String[]::new)), (rs, row) -> thread(rs)), MeetingThread::threadId);
    }

    private MeetingThread thread(ResultSet rs) throws SQLException {
        Parties parties = read(rs.getString("parties"));
        return new MeetingThread(rs.getString("thread_id"), rs.getLong("version"), rs.getString("opening_letter_id"),
                rs.getString("subject"), parties.inviting(), parties.invited(), location(rs));
    }

    private static <T> Map<String, T> byThread(List<T> rows, Function<T, String> threadId) {
        return rows.stream().collect(Collectors.toMap(threadId, Function.identity()));
    }

    /** The table written, which tells live and rebuild instances apart. */
    String table() {
        return tables.meetings();
    }

    /** Only version and subject ever change: parties and place are the invitation's. */
    void saveThreads(Collection<MeetingThread> threads) {
        if (threads.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = threads.stream().map(thread -> new MapSqlParameterSource()
                .addValue("id", thread.threadId())
                .addValue("version", thread.version())
                .addValue("letter", thread.openingLetterId())
                .addValue("subject", thread.subject())
                .addValue("parties", write(new Parties(thread.inviting(), thread.invited())))
                .addValue("locationName", thread.location() == null ? null : thread.location().name())
                .addValue("locationAddress", thread.location() == null ? null : thread.location().address()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO " + tables.threads() + " (thread_id, version, opening_letter_id, subject, parties, "
                + "location_name, location_address) VALUES (:id, :version, :letter, :subject, CAST(:parties AS jsonb), "
                + ":locationName, :locationAddress) ON CONFLICT (thread_id) DO UPDATE SET version = EXCLUDED.version, "
                + "subject = EXCLUDED.subject", rows);
    }

    Optional<Meeting> find(String threadId) {
        return jdbc.query("SELECT * FROM " + tables.meetings() + " WHERE thread_id = :id", Map.of("id", threadId),
                (rs, row) -> meeting(rs)).stream().findFirst();
    }

    /** The stored meetings of these threads, by thread id. */
    Map<String, Meeting> findAll(Collection<String> threadIds) {
        return byThread(jdbc.query("SELECT * FROM " + tables.meetings() + " WHERE thread_id = ANY(:ids)",
                Map.of("ids", threadIds.toArray(String[]::new)), (rs, row) -> meeting(rs)), Meeting::threadId);
    }

    void saveAll(Collection<Meeting> meetings) {
        if (meetings.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(upsertMeeting, meetings.stream().map(MeetingRepository::row)
                .toArray(MapSqlParameterSource[]::new));
    }

    private static MapSqlParameterSource row(Meeting meeting) {
        Stream<Party> parties = Stream.concat(meeting.inviting().stream(), meeting.invited().stream());
        return new MapSqlParameterSource()
                .addValue("id", meeting.threadId())
                .addValue("version", meeting.version())
                .addValue("subject", meeting.subject())
                .addValue("status", meeting.status().name())
                .addValue("start", utc(meeting.slot().start()))
                .addValue("end", utc(meeting.slot().end()))
                .addValue("precision", meeting.slot().precision().name())
                .addValue("wording", meeting.slot().wording())
                .addValue("locationName", meeting.location() == null ? null : meeting.location().name())
                .addValue("locationAddress", meeting.location() == null ? null : meeting.location().address())
                .addValue("heldOn", meeting.heldOn())
                .addValue("reschedules", meeting.reschedules())
                .addValue("parties", write(new Parties(meeting.inviting(), meeting.invited())))
                .addValue("partyIds", write(parties.map(PartyIds::of).distinct().toList()))
                .addValue("recorded", utc(meeting.lastRecordedAt()));
    }

    /**
     * Meetings whose slot overlaps {@code [from, to)}, earliest first.
     *
     * @param from    {@code null} for no lower bound
     * @param to      {@code null} for no upper bound
     * @param partyId a party taking part, as {@link PartyIds} makes it, or {@code null} for all
     */
    public List<Meeting> list(Instant from, Instant to, String partyId, boolean includeCancelled) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if (!includeCancelled) {
            where.append(" AND m.status <> 'CANCELLED'");
        }
        if (from != null) {
            where.append(" AND m.slot_end > :from");
            parameters.addValue("from", utc(from));
        }
        if (to != null) {
            where.append(" AND m.slot_start < :to");
            parameters.addValue("to", utc(to));
        }
        if (partyId != null) {
            where.append(" AND m.party_ids @> ARRAY[CAST(:party AS text)]");
            parameters.addValue("party", partyId);
        }
        return jdbc.query("SELECT * FROM " + tables.meetings() + " m" + where + " ORDER BY m.slot_start, m.thread_id",
                parameters, (rs, row) -> meeting(rs));
    }

    private static Meeting meeting(ResultSet rs) throws SQLException {
        Parties parties = read(rs.getString("parties"));
        return new Meeting(rs.getString("thread_id"), rs.getLong("version"), rs.getString("subject"),
                Meeting.Status.valueOf(rs.getString("status")),
                new ProposedSlot(instant(rs, "slot_start"), instant(rs, "slot_end"),
                        SlotPrecision.valueOf(rs.getString("slot_precision")), rs.getString("slot_wording")),
                location(rs), rs.getObject("held_on", LocalDate.class), rs.getInt("reschedules"), parties.inviting(),
                parties.invited(), instant(rs, "last_recorded_at"));
    }

    private static Location location(ResultSet rs) throws SQLException {
        String name = rs.getString("location_name");
        return name == null ? null : new Location(name, rs.getString("location_address"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Parties read(String json) {
        try {
            return JSON.readValue(json, Parties.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parties", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** The {@code parties} column: who invites and who is invited. */
    private record Parties(List<Party> inviting, List<Party> invited) {
    }
}
