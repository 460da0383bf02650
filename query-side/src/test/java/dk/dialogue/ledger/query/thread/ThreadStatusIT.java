package dk.dialogue.ledger.query.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class ThreadStatusIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    ThreadStatusRepository threads;
    EventStoreWriter store;
    TestRestTemplate dashboard;

    @BeforeEach
    void setUp() {
        store = new EventStoreWriter(dataSource);
        dashboard = http.withBasicAuth("dashboard", "dashboard");
    }

    @Test
    void the_sample_courses_reach_the_thread_status_read_model() {
        String jobcamp = id();
        String visit = id();
        String partnership = id();
        String text = store.storeText("Kære udvalg, vi inviterer til JobCAMP19 i Aalborg Kongrescenter");
        store.append(Courses.jobcamp(jobcamp, text));
        store.append(Courses.visit(visit, null));
        store.append(Courses.partnership(partnership, null));

        JsonNode held = awaitVersion(jobcamp, 3);
        assertThat(held.get("status").asText()).isEqualTo("HELD");
        assertThat(held.at("/meeting/slot/precision").asText()).isEqualTo("PART_OF_DAY");
        assertThat(held.at("/meeting/slot/wording").asText()).isEqualTo("den 6. november sidst på dagen");
        assertThat(held.at("/meeting/heldOn").asText()).isEqualTo("2019-11-06");
        assertThat(held.at("/location/name").asText()).isEqualTo("Aalborg Kongrescenter");
        assertThat(held.get("overdue").asBoolean()).isFalse();

        JsonNode moved = awaitVersion(visit, 5);
        assertThat(moved.at("/meeting/slot/start").asText()).isEqualTo("2020-10-08T11:00:00Z");
        assertThat(moved.at("/meeting/previousSlots/0/start").asText()).isEqualTo("2020-09-24T11:00:00Z");
        assertThat(moved.get("inviting")).hasSize(4);
        assertThat(moved.get("letters")).hasSize(2);
        assertThat(moved.get("lastLetterDate").asText()).isEqualTo("2020-08-27");

        JsonNode call = awaitVersion(partnership, 9);
        assertThat(call.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(call.at("/registrationSummary/registered").asInt()).isEqualTo(6);
        assertThat(call.at("/registrationSummary/declined").asInt()).isEqualTo(2);
        assertThat(call.at("/registrationSummary/late").asInt()).isEqualTo(1);
        assertThat(call.at("/registrationSummary/notAnswered").asInt()).isEqualTo(2);
        assertThat(call.get("awaitingAnswerFrom").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Guldborgsund Kommune", "Syddjurs Kommune");
        assertThat(call.get("overdue").asBoolean()).as("deadline 19 April 2013 has passed").isTrue();

        JsonNode found = dashboard.getForObject("/api/threads?q=Kongrescenter&size=100", JsonNode.class);
        assertThat(found.get("items").findValuesAsText("threadId")).contains(jobcamp).doesNotContain(visit);
        JsonNode overdue = dashboard.getForObject("/api/threads?overdue=true&kind=REGISTRATION_CALL", JsonNode.class);
        assertThat(overdue.get("items").findValuesAsText("threadId")).contains(partnership);
        JsonNode byParty = dashboard.getForObject("/api/threads?party=municipality-aarhus-kommune&status=HELD",
                JsonNode.class);
        assertThat(byParty.get("items").findValuesAsText("threadId")).containsExactly(visit);
        JsonNode byDate = dashboard.getForObject("/api/threads?from=2019-01-01&to=2019-12-31&sort=letterDate",
                JsonNode.class);
        assertThat(byDate.get("items").findValuesAsText("threadId")).contains(jobcamp)
                .doesNotContain(visit, partnership);

        ResponseEntity<JsonNode> counted = dashboard.getForEntity("/api/stats", JsonNode.class);
        assertThat(counted.getHeaders().getFirst("Age")).as("seconds since counted").isEqualTo("0");
        JsonNode stats = counted.getBody();
        assertThat(stats.at("/byStatus/HELD").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.at("/byParty/committee-folketingets-beskæftigelsesudvalg").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_listed_line_shows_what_the_view_shows_and_whether_the_thread_is_overdue_today() {
        String jobcamp = id();
        String partnership = id();
        store.append(Courses.jobcamp(jobcamp, null));
        store.append(Courses.partnership(partnership, null));
        JsonNode held = awaitVersion(jobcamp, 3);
        JsonNode call = awaitVersion(partnership, 9);

        JsonNode heldLine = line(dashboard.getForObject("/api/threads?status=HELD&size=100", JsonNode.class), jobcamp);
        JsonNode callLine = line(dashboard.getForObject("/api/threads?overdue=true&kind=REGISTRATION_CALL&size=100",
                JsonNode.class), partnership);

        for (String field : List.of("threadId", "kind", "status", "subject", "firstLetterDate", "lastLetterDate",
                "deadline", "overdue", "version", "lastRecordedAt")) {
            assertThat(heldLine.get(field)).as(field).isEqualTo(held.get(field));
            assertThat(callLine.get(field)).as(field).isEqualTo(call.get(field));
        }
        assertThat(heldLine.get("meeting")).isEqualTo(held.at("/meeting/slot"));
        assertThat(heldLine.get("letters").asInt()).isEqualTo(held.get("letters").size());
        assertThat(callLine.get("overdue").asBoolean()).as("deadline 19 April 2013 has passed").isTrue();
        List<String> parties = new ArrayList<>();
        call.get("inviting").forEach(party -> parties.add(party.get("name").asText()));
        call.get("invited").forEach(party -> parties.add(party.get("name").asText()));
        List<String> listed = new ArrayList<>();
        callLine.get("parties").forEach(name -> listed.add(name.asText()));
        assertThat(listed).as("inviting first, then invited").isEqualTo(parties);
    }

    private static JsonNode line(JsonNode page, String thread) {
        for (JsonNode item : page.get("items")) {
            if (item.get("threadId").asText().equals(thread)) {
                return item;
            }
        }
        throw new AssertionError(thread + " is not listed in " + page);
    }

    @Test
    void a_page_counts_the_matches_up_to_a_limit_past_its_end_and_says_when_there_are_more() {
        List<String> mine = List.of(id(), id(), id());
        mine.forEach(thread -> store.append(Courses.jobcamp(thread, null)));
        mine.forEach(thread -> awaitVersion(thread, 3));
        long all = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM query.thread_status", Long.class);
        LocalDate today = LocalDate.now();

        ThreadPage counted = threads.list(everything(0, 1), today, 1000);
        ThreadPage firstCut = threads.list(everything(0, 1), today, 0);
        ThreadPage secondCut = threads.list(everything(1, 1), today, 0);

        assertThat(List.of(counted.totalItems(), counted.totalExact(), counted.totalPages()))
                .isEqualTo(List.of(all, true, all));
        assertThat(List.of(firstCut.totalItems(), firstCut.totalExact(), firstCut.totalPages()))
                .isEqualTo(List.of(1L, false, 1L));
        assertThat(List.of(secondCut.totalItems(), secondCut.totalExact(), secondCut.items().size()))
                .isEqualTo(List.of(2L, false, 1));
    }

    @Test
    void threads_with_the_same_letter_date_come_in_thread_order_so_that_descending_is_ascending_reversed() {
        List<String> mine = List.of(id(), id(), id());
        mine.forEach(thread -> store.append(Courses.jobcamp(thread, null)));
        mine.forEach(thread -> awaitVersion(thread, 3));
        String sameDay = "/api/threads?from=2019-09-06&to=2019-09-06&size=100&sort=";

        List<String> ascending = dashboard.getForObject(sameDay + "letterDate", JsonNode.class).get("items")
                .findValuesAsText("threadId");
        List<String> descending = new ArrayList<>(dashboard.getForObject(sameDay + "-letterDate", JsonNode.class)
                .get("items").findValuesAsText("threadId"));

        assertThat(ascending).containsAll(mine).isSorted();
        Collections.reverse(descending);
        assertThat(descending).isEqualTo(ascending);
    }

    private static ThreadQuery everything(int page, int size) {
        return new ThreadQuery(List.of(), null, null, null, null, null, null, ThreadQuery.Sort.LAST_RECORDED_AT, true,
                page, size);
    }

    @Test
    void each_letter_adds_its_text_to_the_index_which_ends_the_same_whether_projected_one_by_one_or_at_once() {
        String oneByOne = id();
        String atOnce = id();
        String opening = store.storeText("Kære udvalg, vi inviterer til besøg i Jobcenter København");
        String reply = store.storeText("Udvalget foreslår i stedet Odense Rådhus den 8. oktober");
        String reminder = store.storeText("Husk tilmelding til besøget på Vejle Stadion");
        List<ThreadEvent> first = threadOfLetters(oneByOne, opening, reply, reminder);
        appendOneByOne(oneByOne, first);
        store.append(threadOfLetters(atOnce, opening, reply, reminder));
        awaitVersion(atOnce, 3);

        assertThat(search("Odense Rådhus")).contains(oneByOne, atOnce);
        assertThat(search("\"Vejle Stadion\"")).as("a phrase in the last letter").contains(oneByOne, atOnce);
        assertThat(search("\"Stadion Vejle\"")).doesNotContain(oneByOne, atOnce);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT a.search = b.search FROM query.thread_search a, query.thread_search b "
                        + "WHERE a.thread_id = ? AND b.thread_id = ?", Boolean.class, oneByOne, atOnce))
                .as("the stored index, however the letters were batched").isTrue();
    }

    @Test
    void threads_that_share_a_batch_end_as_when_projected_alone_even_with_a_letter_too_long_to_read_with_the_others()
            throws Exception {
        String alone = id();
        String opening = store.storeText("Kære udvalg, vi inviterer til besøg i Jobcenter Esbjerg");
        String longReply = store.storeText("Udvalget svarer om Esbjerg Havn. " + "Uddybning af besøget. ".repeat(4_000));
        String reminder = store.storeText("Husk tilmelding til besøget på Fanø");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT octet_length(content) FROM public.document "
                + "WHERE sha256 = ?", Integer.class, longReply)).as("longer than a batch reads together")
                .isGreaterThan(64 * 1024);
        List<ThreadEvent> reference = threadOfLetters(alone, opening, longReply, reminder);
        appendOneByOne(alone, reference);

        // Three threads in one transaction: whichever of the two segments each falls in, one batch has two of them.
        List<String> together = List.of(id(), id(), id());
        List<List<ThreadEvent>> events = together.stream()
                .map(thread -> threadOfLetters(thread, opening, longReply, reminder)).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < reference.size(); i++) {
                for (List<ThreadEvent> thread : events) {
                    store.insert(connection, thread.get(i));
                }
            }
            connection.commit();
        }
        together.forEach(thread -> awaitVersion(thread, 3));

        List<String> all = new ArrayList<>(together);
        all.add(alone);
        assertThat(search("\"Esbjerg Havn\"")).containsAll(all);
        assertThat(search("Fanø")).containsAll(all);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(DISTINCT search) FROM query.thread_search WHERE thread_id = ANY(?)", Integer.class,
                (Object) all.toArray(String[]::new))).as("one stored index for all, however they were batched")
                .isEqualTo(1);
        assertThat(awaitVersion(together.get(0), 3).get("letters")).hasSize(3);
    }

    @Test
    void party_rows_end_the_same_event_by_event_as_at_once_and_are_left_alone_by_events_that_do_not_change_them() {
        String oneByOne = id();
        String atOnce = id();
        List<ThreadEvent> course = Courses.partnership(oneByOne, null);
        appendOneByOne(oneByOne, course);
        store.append(Courses.partnership(atOnce, null));
        awaitVersion(atOnce, course.size());
        assertThat(partyRows(oneByOne)).isEqualTo(partyRows(atOnce)).hasSize(11)
                .contains("municipality-guldborgsund-kommune INVITED awaiting",
                        "municipality-syddjurs-kommune INVITED awaiting")
                .filteredOn(row -> row.endsWith(" awaiting")).hasSize(2);

        List<String> written = rowVersions("thread_party", "party_id", oneByOne);
        store.append(List.of(new DeadlineSet(new ThreadId(oneByOne), new Deadline(LocalDate.of(2013, 5, 3),
                DeadlineKind.REGISTRATION, "tilmelding senest 3. maj"), LocalDate.of(2013, 4, 22))));
        awaitVersion(oneByOne, course.size() + 1);

        assertThat(rowVersions("thread_party", "party_id", oneByOne))
                .as("the same row versions: not deleted and inserted again").isEqualTo(written);
    }

    @Test
    void letters_are_rows_of_their_own_written_by_letters_and_corrections_only_and_read_back_in_order() {
        String oneByOne = id();
        String atOnce = id();
        String opening = store.storeText("Kære udvalg, vi inviterer til besøg i Jobcenter Horsens");
        String reply = store.storeText("Udvalget takker for invitationen");
        String reminder = store.storeText("Husk tilmelding til besøget");
        List<ThreadEvent> first = withCorrectedReply(threadOfLetters(oneByOne, opening, reply, reminder));
        appendOneByOne(oneByOne, first);
        store.append(withCorrectedReply(threadOfLetters(atOnce, opening, reply, reminder)));

        for (JsonNode thread : List.of(awaitVersion(oneByOne, 4), awaitVersion(atOnce, 4))) {
            assertThat(thread.get("letterCount").asInt()).isEqualTo(3);
            assertThat(thread.get("letters").findValuesAsText("subject")).containsExactly(
                    "Invitation til besøg i København", "Svar på invitation (rettet)", "Påmindelse");
            assertThat(thread.get("letters").findValuesAsText("corrected")).containsExactly("false", "true", "false");
            assertThat(thread.get("firstLetterDate").asText()).as("the corrected reply is the earliest letter now")
                    .isEqualTo("2020-06-20");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT bool_or(view::jsonb -> 'letters' IS NOT NULL) "
                + "FROM query.thread_status WHERE thread_id IN (?, ?)", Boolean.class, oneByOne, atOnce))
                .as("views without letters").isFalse();

        List<String> written = rowVersions("thread_letter", "position", oneByOne);
        store.append(List.of(new DeadlineSet(new ThreadId(oneByOne), new Deadline(LocalDate.of(2020, 9, 1),
                DeadlineKind.RESPONSE, null), LocalDate.of(2020, 8, 2))));
        awaitVersion(oneByOne, 5);
        assertThat(rowVersions("thread_letter", "position", oneByOne))
                .as("an event that is no letter leaves the letter rows alone").hasSize(3).isEqualTo(written);
    }

    /** The thread's events with a correction of its reply's subject and date appended. */
    private static List<ThreadEvent> withCorrectedReply(List<ThreadEvent> events) {
        LetterRecorded reply = (LetterRecorded) events.get(1);
        Letter letter = reply.letter();
        List<ThreadEvent> corrected = new ArrayList<>(events);
        corrected.add(new RecordCorrected(reply.threadId(), reply.letterId(), new Letter(LocalDate.of(2020, 6, 20),
                letter.references(), "Svar på invitation (rettet)", letter.senders(), letter.signatories(),
                letter.recipients(), letter.attachments(), letter.textSha256()), "emne og dato var forkert afskrevet",
                LocalDate.of(2020, 8, 2)));
        return corrected;
    }

    /** Appends the thread's events in a transaction each, waiting for the read model to reflect each. */
    private void appendOneByOne(String thread, List<ThreadEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            store.append(events.subList(i, i + 1));
            awaitVersion(thread, i + 1);
        }
    }

    /** A thread's party rows as "party role [awaiting]", in party order. */
    private List<String> partyRows(String thread) {
        return new JdbcTemplate(dataSource).queryForList("SELECT party_id || ' ' || role "
                + "|| CASE WHEN awaiting THEN ' awaiting' ELSE '' END FROM query.thread_party WHERE thread_id = ? "
                + "ORDER BY party_id", String.class, thread);
    }

    /** The physical versions of a thread's rows in a table, by key: they change whenever a row is written. */
    private List<String> rowVersions(String table, String key, String thread) {
        return new JdbcTemplate(dataSource).queryForList("SELECT " + key + " || ' ' || xmin || ' ' || ctid "
                + "FROM query." + table + " WHERE thread_id = ? ORDER BY " + key, String.class, thread);
    }

    private static List<ThreadEvent> threadOfLetters(String thread, String opening, String reply, String reminder) {
        List<ThreadEvent> events = new ArrayList<>(Courses.visit(thread, opening).subList(0, 1));
        events.add(new LetterRecorded(new ThreadId(thread), new LetterId("reply-" + thread), LetterRole.REPLY,
                Courses.letter(LocalDate.of(2020, 7, 1), "Svar på invitation", List.of(Courses.BEU), reply),
                LocalDate.of(2020, 7, 1)));
        events.add(new LetterRecorded(new ThreadId(thread), new LetterId("reminder-" + thread), LetterRole.REMINDER,
                Courses.letter(LocalDate.of(2020, 8, 1), "Påmindelse", List.of(Courses.AARHUS), reminder),
                LocalDate.of(2020, 8, 1)));
        return events;
    }

    private List<String> search(String text) {
        return dashboard.getForObject("/api/threads?size=100&q={q}", JsonNode.class, text).get("items")
                .findValuesAsText("threadId");
    }

    @Test
    void a_read_answers_304_when_the_thread_did_not_change() {
        String thread = id();
        store.append(Courses.jobcamp(thread, null));
        ResponseEntity<JsonNode> first = get("/api/threads/" + thread + "?minVersion=3", null);
        String etag = first.getHeaders().getETag();

        ResponseEntity<JsonNode> again = get("/api/threads/" + thread, etag);

        assertThat(etag).isEqualTo("\"3\"");
        assertThat(first.getHeaders().getCacheControl()).isEqualTo("private, no-cache");
        assertThat(again.getStatusCode().value()).isEqualTo(304);
    }

    @Test
    void read_your_writes_waits_for_the_version_and_says_when_the_projection_is_behind() {
        String thread = id();
        store.append(Courses.jobcamp(thread, null).subList(0, 1));

        ResponseEntity<JsonNode> caughtUp = get("/api/threads/" + thread + "?minVersion=1", null);
        ResponseEntity<JsonNode> behind = get("/api/threads/" + thread + "?minVersion=7", null);

        assertThat(caughtUp.getStatusCode().value()).isEqualTo(200);
        assertThat(behind.getStatusCode().value()).isEqualTo(503);
        assertThat(behind.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(behind.getBody().get("currentVersion").asLong()).isEqualTo(1);
    }

    @Test
    void bad_queries_are_400_problems_naming_the_parameter() {
        assertProblem("/api/threads?status=PENDING", "status");
        assertProblem("/api/threads?size=1000", "size");
        assertProblem("/api/threads?sort=colour", "sort");
        assertProblem("/api/threads?from=6.%20september%202019", "from");
        assertProblem("/api/threads?overdue=maybe", "overdue");
    }

    @Test
    void only_dashboards_and_auditors_read_and_the_others_are_told_so_as_problems() {
        ResponseEntity<JsonNode> anonymous = http.getForEntity("/api/threads", JsonNode.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(anonymous.getBody().get("title").asText()).isEqualTo("Authentication required");
        assertThat(anonymous.getBody().get("instance").asText()).isEqualTo("/api/threads");
        ResponseEntity<JsonNode> clerk = http.withBasicAuth("clerk", "clerk").getForEntity("/api/threads",
                JsonNode.class);
        assertThat(clerk.getStatusCode().value()).isEqualTo(403);
        assertThat(clerk.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(clerk.getBody().get("status").asInt()).isEqualTo(403);
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity("/api/threads", String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode().value()).isEqualTo(200);
    }

    private void assertProblem(String path, String field) {
        ResponseEntity<JsonNode> response = dashboard.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().at("/errors/0/field").asText()).as(path).isEqualTo(field);
    }

    private JsonNode awaitVersion(String thread, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/threads/" + thread, null).getStatusCode().value() == 200
                        && get("/api/threads/" + thread, null).getBody().get("version").asLong() >= version);
        return get("/api/threads/" + thread, null).getBody();
    }

    private ResponseEntity<JsonNode> get(String path, String ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        if (ifNoneMatch != null) {
            headers.setIfNoneMatch(List.of(ifNoneMatch));
        }
        return dashboard.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
