package dk.dialogue.ledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.QuerySideApplication;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.PostgresTestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A query side started on a history it has never projected builds the per-thread read models thread by thread
 * instead of replaying event by event. The result must be exactly what the processors' replay in commit order
 * makes of the same history (a copy of the database, the option switched off), events that fail must wait in the
 * dead-letter queue as if the processor had met them, and the processors must carry on from where the build
 * stopped.
 */
class InitialBuildIT {

    private static final int THREADS = 60;
    private static final List<String> GROUPS = List.of("thread-status", "timeline", "meetings");
    private static final List<String> TABLES = List.of("thread_status", "thread_party", "thread_search", "timeline_entry", "meeting",
            "meeting_thread");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_first_start_builds_thread_by_thread_what_a_replay_in_commit_order_builds_and_dead_letters_what_fails()
            throws Exception {
        String byThread = PostgresTestDatabase.createEventStoreDatabase();
        EventStoreWriter store = new EventStoreWriter(dataSource(byThread));
        String poisoned = UUID.randomUUID().toString();
        appendInterleaved(store, history(store, poisoned));
        String replayed = copy(byThread);

        try (ConfigurableApplicationContext built = start(byThread, true);
             ConfigurableApplicationContext replay = start(replayed, false)) {
            JdbcTemplate builtDb = new JdbcTemplate(dataSource(byThread));
            JdbcTemplate replayDb = new JdbcTemplate(dataSource(replayed));
            await().atMost(Duration.ofSeconds(120)).until(() -> caughtUp(builtDb) && caughtUp(replayDb));

            ProjectionRebuilder rebuilder = built.getBean(ProjectionRebuilder.class);
            GROUPS.forEach(group -> assertThat(rebuilder.progress(group).state()).as(group).isEqualTo("DONE"));
            assertThat(replay.getBeansOfType(InitialBuilds.class)).as("switched off").isEmpty();
            assertThat(builtDb.queryForObject("SELECT count(*) FROM query.thread_status", Long.class))
                    .isEqualTo(THREADS);
            for (String table : TABLES) {
                assertThat(rows(builtDb, table)).as(table).isNotEmpty().isEqualTo(rows(replayDb, table));
                // Planner statistics from the start: the build analyzed the tables it filled; nothing analyzes
                // the tables the processors fill (autovacuum counts apart).
                assertThat(analyses(builtDb, table)).as(table + " analyzed").isPositive();
                assertThat(analyses(replayDb, table)).as(table + " analyzed").isZero();
            }
            assertThat(deadLetters(builtDb, poisoned)).as("as the replaying processor dead-lettered them")
                    .isEqualTo(deadLetters(replayDb, poisoned))
                    .containsExactly(Map.of("sequencenumber", 0L, "cause", true),
                            Map.of("sequencenumber", 1L, "cause", false));

            // Live again: a new event of a held-back thread joins it in the queue, other threads are projected.
            String later = UUID.randomUUID().toString();
            store.append(Courses.visit(later, null));
            store.append(List.of(letter(poisoned, "l-2")));
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(builtDb, poisoned).size() == 3
                    && builtDb.queryForObject("SELECT count(*) FROM query.thread_status WHERE thread_id = ?",
                    Long.class, later) == 1);
        }
    }

    @Test
    void a_history_whose_processors_never_got_past_its_start_is_built_at_the_next_start_and_only_then()
            throws Exception {
        String url = PostgresTestDatabase.createEventStoreDatabase();
        EventStoreWriter store = new EventStoreWriter(dataSource(url));
        JdbcTemplate db = new JdbcTemplate(dataSource(url));
        try (ConfigurableApplicationContext empty = start(url, true)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.queryForObject(
                    "SELECT count(*) FROM query.tokenentry WHERE processorname = 'thread-status'", Long.class) == 2);
            assertThat(empty.getBean(ProjectionRebuilder.class).progress("thread-status")).as("nothing to build")
                    .isNull();
        }
        // As after a first build that was cut short: tokens at the start of a history that is not empty.
        appendInterleaved(store, history(store, UUID.randomUUID().toString()));
        try (ConfigurableApplicationContext first = start(url, true)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(db));
            assertThat(first.getBean(ProjectionRebuilder.class).progress("thread-status").state()).isEqualTo("DONE");
            assertThat(db.queryForObject("SELECT count(*) FROM query.thread_status", Long.class)).isEqualTo(THREADS);
        }
        String later = UUID.randomUUID().toString();
        store.append(Courses.jobcamp(later, null));
        try (ConfigurableApplicationContext again = start(url, true)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(db));
            assertThat(again.getBean(ProjectionRebuilder.class).progress("thread-status")).as("built before").isNull();
            assertThat(db.queryForObject("SELECT count(*) FROM query.thread_status", Long.class))
                    .isEqualTo(THREADS + 1);
        }
    }

    /** How often the table was analyzed by a statement (under any earlier name), not by autovacuum. */
    private static long analyses(JdbcTemplate db, String table) {
        return db.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE schemaname = 'query' "
                + "AND relname = ?", Long.class, table);
    }

    /** Whole courses of {@code THREADS} threads, some letters with a stored text, and one thread that fails. */
    private static List<List<ThreadEvent>> history(EventStoreWriter store, String poisoned) {
        List<List<ThreadEvent>> courses = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String thread = UUID.randomUUID().toString();
            String text = i % 3 == 0 ? store.storeText("Invitation nr. " + i + " til jobcamp på Christiansborg") : null;
            courses.add(switch (i % 3) {
                case 0 -> Courses.jobcamp(thread, text);
                case 1 -> Courses.visit(thread, text);
                default -> Courses.partnership(thread, text);
            });
        }
        ThreadId poison = new ThreadId(poisoned);
        courses.add(List.of(new MeetingHeld(poison, null, null, "held before it was ever opened",
                LocalDate.of(2020, 1, 1)), letter(poisoned, "l-1")));
        return courses;
    }

    private static ThreadEvent letter(String thread, String letterId) {
        return new LetterRecorded(new ThreadId(thread), new LetterId(letterId), LetterRole.REMINDER,
                Courses.letter(LocalDate.of(2020, 1, 2), "Rykker", List.of(Courses.KL), null), LocalDate.of(2020, 1, 2));
    }

    /** One event of each thread in turn, so the commit order is nothing like the order thread by thread. */
    private static void appendInterleaved(EventStoreWriter store, List<List<ThreadEvent>> courses) {
        int longest = courses.stream().mapToInt(List::size).max().orElse(0);
        for (int step = 0; step < longest; step++) {
            for (List<ThreadEvent> course : courses) {
                if (step < course.size()) {
                    store.append(List.of(course.get(step)));
                }
            }
        }
    }

    private static String copy(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        String copy = PostgresTestDatabase.createDatabase();
        JdbcTemplate admin = new JdbcTemplate(dataSource(copy.substring(0, copy.lastIndexOf('/') + 1) + "postgres"));
        admin.execute("DROP DATABASE " + copy.substring(copy.lastIndexOf('/') + 1));
        admin.execute("CREATE DATABASE " + copy.substring(copy.lastIndexOf('/') + 1) + " TEMPLATE " + name);
        return copy;
    }

    private static ConfigurableApplicationContext start(String url, boolean byThread) {
        return new SpringApplicationBuilder(QuerySideApplication.class).profiles("local").run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--server.port=0",
                "--ledger.audit.signing-key-file=target/audit-signing-key.pem",
                "--ledger.audit.seal-interval=PT1H",
                "--ledger.rebuild.initial-build-by-thread=" + byThread);
    }

    private static boolean caughtUp(JdbcTemplate db) throws IOException {
        long newest = db.queryForObject("SELECT max(global_index) FROM public.domain_event_entry", Long.class);
        List<byte[]> tokens = db.queryForList("SELECT token FROM query.tokenentry WHERE processorname IN "
                + "('thread-status', 'timeline', 'meetings')", byte[].class);
        for (byte[] token : tokens) {
            if (position(token) < newest) {
                return false;
            }
        }
        return tokens.size() == 2 * GROUPS.size();
    }

    /** Where a token stands; a processor's first token is a replay token, standing where the token in it does. */
    private static long position(byte[] token) throws IOException {
        if (token == null) {
            return -1;
        }
        JsonNode node = JSON.readTree(token);
        return (node.has("tokenAtReset") ? node.path("currentToken") : node).path("globalIndex").asLong(-1);
    }

    private static List<String> rows(JdbcTemplate db, String table) {
        return db.queryForList("SELECT row_to_json(t)::text AS r FROM query." + table + " t ORDER BY r", String.class);
    }

    private static List<Map<String, Object>> deadLetters(JdbcTemplate db, String thread) {
        return db.queryForList("SELECT sequencenumber, causetype IS NOT NULL AS cause FROM query.deadletterentry "
                + "WHERE processinggroup = 'thread-status' AND sequenceidentifier = ? ORDER BY sequenceindex", thread);
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresTestDatabase.user());
        dataSource.setPassword(PostgresTestDatabase.password());
        return dataSource;
    }
}
