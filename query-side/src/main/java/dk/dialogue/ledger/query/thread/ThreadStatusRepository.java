package dk.dialogue.ledger.query.thread;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.Party;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Stores thread views, and answers dashboards' questions about them. */
public class ThreadStatusRepository {

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final TypeReference<ThreadView> VIEW = new TypeReference<>() {
    };
    private static final TypeReference<LetterView> LETTER = new TypeReference<>() {
    };
    private static final TypeReference<ThreadSummary.Stored> SUMMARY = new TypeReference<>() {
    };
    private static final TypeReference<List<LetterView>> LETTERS = new TypeReference<>() {
    };
    /** Overdue against the clock: an answer is awaited and the deadline's day has ended. */
    private static final String OVERDUE = "(t.awaiting_answer AND t.deadline_due < :today)";
    /**
     * How far past a page's end its total is counted. Counting every match of a common status read an index entry
     * per thread on each request (a million threads: milliseconds each, hundreds of requests a second); past this
     * the page says there are more instead.
     */
    static final int COUNTED_PAST_PAGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final ThreadStatusTables tables;

    public ThreadStatusRepository(NamedParameterJdbcTemplate jdbc, ThreadStatusTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** The thread's view and letters, read in one statement so that they agree. */
    public Optional<FoldedThread> find(String threadId) {
        return jdbc.query("SELECT view, (SELECT '[' || string_agg(letter, ',' ORDER BY position) || ']' FROM "
                        + tables.letters() + " l WHERE l.thread_id = t.thread_id) FROM " + tables.threads()
                        + " t WHERE thread_id = :id", Map.of("id", threadId),
                (rs, row) -> {
                    byte[] letters = rs.getBytes(2);
                    return new FoldedThread(read(rs.getBytes(1)),
                            letters == null ? List.of() : read(letters, LETTERS, "letters of a thread"));
                })
                .stream().findFirst();
    }

    /** The stored view of the thread, without its letters. */
    public Optional<ThreadView> findView(String threadId) {
        return jdbc.query("SELECT view FROM " + tables.threads() + " WHERE thread_id = :id",
                Map.of("id", threadId), (rs, row) -> read(rs.getBytes(1))).stream().findFirst();
    }

    /** The thread's stored letters, in order. */
    public List<LetterView> letters(String threadId) {
        return jdbc.query("SELECT letter FROM " + tables.letters() + " WHERE thread_id = :id ORDER BY position",
                Map.of("id", threadId), (rs, row) -> read(rs.getBytes(1), LETTER, "letter of a thread"));
    }

    /** The stored views of these threads, by thread id; a thread without one is left out. */
    public Map<String, ThreadView> findAll(Collection<String> threadIds) {
        Map<String, ThreadView> views = new HashMap<>();
        jdbc.query("SELECT thread_id, view FROM " + tables.threads() + " WHERE thread_id = ANY(:ids)",
                Map.of("ids", threadIds.toArray(String[]::new)),
                rs -> {
                    views.put(rs.getString(1), read(rs.getBytes(2)));
                });
        return views;
    }

    /** The list lines of these threads on {@code today}, by thread id; a thread without a row is left out. */
    public Map<String, ThreadSummary> summaries(Collection<String> threadIds, LocalDate today) {
        Map<String, ThreadSummary> summaries = new HashMap<>();
        jdbc.query("SELECT t.thread_id, t.summary, " + OVERDUE + " FROM " + tables.threads()
                        + " t WHERE t.thread_id = ANY(:ids)",
                new MapSqlParameterSource("ids", threadIds.toArray(String[]::new)).addValue("today", today),
                rs -> {
                    summaries.put(rs.getString(1), summary(rs.getBytes(2), rs.getBoolean(3)));
                });
        return summaries;
    }

    /** The table written, which tells live and rebuild instances apart. */
    public String table() {
        return tables.threads();
    }

    /**
     * Inserts or replaces the threads' rows, the letters added or corrected, and the party rows of those whose
     * parties changed, in one round of batched statements. The free-text index is the stored one (unless replaced)
     * followed by each part's, in
     * order (see {@link SearchText}); a save without a {@code search} leaves the stored index alone.
     */
    public void saveAll(List<Save> saves) {
        if (saves.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = saves.stream().map(save -> {
            ThreadView view = save.view();
            return new MapSqlParameterSource()
                    .addValue("id", view.threadId())
                    .addValue("kind", view.kind().name())
                    .addValue("status", view.status().name())
                    .addValue("subject", view.subject())
                    .addValue("first", view.firstLetterDate())
                    .addValue("last", view.lastLetterDate())
                    .addValue("due", view.deadline() == null ? null : view.deadline().due())
                    .addValue("awaiting", !view.awaitingAnswerFrom().isEmpty())
                    .addValue("meeting", view.meeting() == null ? null : Timestamp.from(view.meeting().slot().start()))
                    .addValue("version", view.version())
                    .addValue("recorded", view.lastRecordedAt() == null ? null : Timestamp.from(view.lastRecordedAt()))
                    .addValue("view", write(view))
                    .addValue("summary", write(ThreadSummary.Stored.of(view)));
        }).toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO " + tables.threads() + " (thread_id, kind, status, subject, first_letter_date, "
                + "last_letter_date, deadline_due, awaiting_answer, meeting_start, version, last_recorded_at, view, "
                + "summary) VALUES (:id, :kind, :status, :subject, :first, :last, :due, :awaiting, :meeting, :version, "
                + ":recorded, convert_from(:view, 'UTF8'), convert_from(:summary, 'UTF8')) "
                + "ON CONFLICT (thread_id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, "
                + "subject = EXCLUDED.subject, first_letter_date = EXCLUDED.first_letter_date, "
                + "last_letter_date = EXCLUDED.last_letter_date, deadline_due = EXCLUDED.deadline_due, "
                + "awaiting_answer = EXCLUDED.awaiting_answer, meeting_start = EXCLUDED.meeting_start, "
                + "version = EXCLUDED.version, last_recorded_at = EXCLUDED.last_recorded_at, view = EXCLUDED.view, "
                + "summary = EXCLUDED.summary",
                rows);
        MapSqlParameterSource[] letters = saves.stream().flatMap(save -> save.letters().entrySet().stream()
                .map(letter -> new MapSqlParameterSource()
                        .addValue("id", save.view().threadId())
                        .addValue("position", letter.getKey())
                        .addValue("letter", write(letter.getValue()))))
                .toArray(MapSqlParameterSource[]::new);
        if (letters.length > 0) {
            jdbc.batchUpdate("INSERT INTO " + tables.letters() + " (thread_id, position, letter) VALUES (:id, "
                    + ":position, convert_from(:letter, 'UTF8')) ON CONFLICT (thread_id, position) DO UPDATE SET "
                    + "letter = EXCLUDED.letter", letters);
        }
        MapSqlParameterSource[] searches = saves.stream().filter(save -> save.search() != null)
                .map(save -> new MapSqlParameterSource()
                        .addValue("id", save.view().threadId())
                        .addValue("replace", save.search().replace())
                        .addValue("parts", write(save.search().parts())))
                .toArray(MapSqlParameterSource[]::new);
        if (searches.length > 0) {
            jdbc.batchUpdate("INSERT INTO " + tables.search() + " (thread_id, search) VALUES (:id, "
                    + "(SELECT tsvector_concat_all(to_tsvector('danish', part) ORDER BY position) "
                    + "FROM jsonb_array_elements_text(CAST(convert_from(:parts, 'UTF8') AS jsonb)) "
                    + "WITH ORDINALITY AS parts(part, position))) "
                    + "ON CONFLICT (thread_id) DO UPDATE SET search = CASE WHEN :replace THEN EXCLUDED.search "
                    + "ELSE " + tables.search() + ".search || EXCLUDED.search END", searches);
        }
        List<Save> newParties = saves.stream().filter(Save::partiesChanged).toList();
        if (newParties.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM " + tables.parties() + " WHERE thread_id IN (:ids)",
                Map.of("ids", newParties.stream().map(save -> save.view().threadId()).toList()));
        List<MapSqlParameterSource> parties = new ArrayList<>();
        for (Save save : newParties) {
            ThreadView view = save.view();
            Set<String> awaiting = view.awaitingAnswerFrom().stream().map(PartyIds::of).collect(Collectors.toSet());
            view.inviting().forEach(party -> parties.add(partyRow(view, party, "INVITING", awaiting)));
            view.invited().forEach(party -> parties.add(partyRow(view, party, "INVITED", awaiting)));
        }
        jdbc.batchUpdate("INSERT INTO " + tables.parties() + " (thread_id, party_id, kind, name, role, awaiting) "
                + "VALUES (:thread, :party, :kind, :name, :role, :awaiting) ON CONFLICT DO NOTHING",
                parties.toArray(MapSqlParameterSource[]::new));
    }

    /**
     * One thread's new view; {@code letters} the letters added or corrected since {@code stored}, by position;
     * {@code search} {@code null} leaves the stored free-text index alone; {@code stored} is the view it replaces,
     * {@code null} if none is stored.
     */
    public record Save(ThreadView view, Map<Integer, LetterView> letters, SearchText search, ThreadView stored) {

        /**
         * Whether the thread's party rows must be written again. Most events change neither who takes part nor
         * whose answer is awaited; deleting and inserting the rows again for every event made a quarter of the
         * rows PostgreSQL wrote per command (12.05 a command in the benchmark, 8.95 without), and dead rows.
         */
        boolean partiesChanged() {
            return stored == null || !stored.sameParticipation(view);
        }
    }

    private static MapSqlParameterSource partyRow(ThreadView view, Party party, String role, Set<String> awaiting) {
        String id = PartyIds.of(party);
        return new MapSqlParameterSource()
                .addValue("thread", view.threadId())
                .addValue("party", id)
                .addValue("kind", party.kind().name())
                .addValue("name", party.name())
                .addValue("role", role)
                .addValue("awaiting", awaiting.contains(id));
    }

    public ThreadPage list(ThreadQuery query, LocalDate today) {
        return list(query, today, COUNTED_PAST_PAGE);
    }

    ThreadPage list(ThreadQuery query, LocalDate today, int countedPastPage) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        MapSqlParameterSource parameters = new MapSqlParameterSource("today", today);
        if (!query.statuses().isEmpty()) {
            where.append(" AND t.status IN (:statuses)");
            parameters.addValue("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.kind() != null) {
            where.append(" AND t.kind = :kind");
            parameters.addValue("kind", query.kind().name());
        }
        if (query.partyId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM ").append(tables.parties())
                    .append(" p WHERE p.thread_id = t.thread_id AND p.party_id = :party)");
            parameters.addValue("party", query.partyId());
        }
        if (query.from() != null) {
            where.append(" AND t.first_letter_date >= :from");
            parameters.addValue("from", query.from());
        }
        if (query.to() != null) {
            where.append(" AND t.first_letter_date <= :to");
            parameters.addValue("to", query.to());
        }
        if (query.overdue() != null) {
            where.append(query.overdue() ? " AND " : " AND NOT ").append(OVERDUE);
        }
        if (query.text() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM ").append(tables.search()).append(" s WHERE s.thread_id = ")
                    .append("t.thread_id AND s.search @@ websearch_to_tsquery('danish', :text))");
            parameters.addValue("text", query.text());
        }
        long offset = (long) query.page() * query.size();
        long countedUpTo = offset + query.size() + countedPastPage;
        parameters.addValue("limit", query.size()).addValue("offset", offset).addValue("counted", countedUpTo + 1);
        long counted = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM " + tables.threads() + " t" + where
                + " LIMIT :counted) matches", parameters, Long.class);
        boolean exact = counted <= countedUpTo;
        long total = exact ? counted : countedUpTo;
        List<ThreadSummary> items = jdbc.query("SELECT t.summary, " + OVERDUE + " FROM " + tables.threads() + " t"
                + where + " ORDER BY " + order(query.sort(), query.descending()) + " LIMIT :limit OFFSET :offset",
                parameters, (rs, row) -> summary(rs.getBytes(1), rs.getBoolean(2)));
        return new ThreadPage(items, query.page(), query.size(), total, exact, (total + query.size() - 1) / query.size());
    }

    /**
     * The order as the indexes of migration V12 hold it, so that a page is read from an index rather than every
     * match sorted: a column that may be empty puts the empty ones last, with ties in thread order; one that may
     * not breaks ties in its own direction, so that one index read either way serves both.
     */
    private static String order(ThreadQuery.Sort sort, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        return sort.nullable() ? "t." + sort.column() + direction + " NULLS LAST, t.thread_id"
                : "t." + sort.column() + direction + ", t.thread_id" + direction;
    }

    /** Counts of threads by status, by kind and by party, with overdue ones. */
    public Map<String, Map<String, Long>> stats(LocalDate today) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("today", today);
        return Map.of(
                "byStatus", counts("SELECT status, count(*) FROM " + tables.threads() + " GROUP BY status", parameters),
                "byKind", counts("SELECT kind, count(*) FROM " + tables.threads() + " GROUP BY kind", parameters),
                "byParty", counts("SELECT party_id, count(*) FROM " + tables.parties() + " GROUP BY party_id",
                        parameters),
                "overdue", counts("SELECT 'overdue', count(*) FROM " + tables.threads() + " t WHERE " + OVERDUE,
                        parameters));
    }

    private Map<String, Long> counts(String sql, MapSqlParameterSource parameters) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(sql, parameters, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /**
     * Views are read and written as the UTF-8 bytes PostgreSQL stores, never as Java strings: a view of several
     * kilobytes with Danish letters became a two-bytes-a-character string on each read and write, decoded and
     * encoded again by the driver. The views' reads and writes were a third of the query side's allocation at 300
     * commands/s (JFR); reading and writing bytes took a fifth off that.
     */
    static ThreadView read(byte[] json) {
        return read(json, VIEW, "thread view");
    }

    private static ThreadSummary summary(byte[] json, boolean overdue) {
        return read(json, SUMMARY, "thread summary").overdue(overdue);
    }

    private static <T> T read(byte[] json, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + what, e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
