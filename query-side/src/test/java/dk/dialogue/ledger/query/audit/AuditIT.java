package dk.dialogue.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.query.audit.chain.VerificationReport;
import dk.dialogue.ledger.query.audit.offline.VerifyExportRunner;
import dk.dialogue.ledger.query.audit.seal.AuditKeys;
import dk.dialogue.ledger.query.audit.seal.DigestRepository;
import dk.dialogue.ledger.query.feed.FeedSchemas;
import dk.dialogue.ledger.query.support.Courses;
import dk.dialogue.ledger.query.support.EventStoreWriter;
import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@QuerySideIntegrationTest
class AuditIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private TestRestTemplate auditor;
    private String thread;
    /** Between the second and the third event's recording. */
    private Instant afterSecond;

    @BeforeEach
    void aVisitRecordedEventByEvent() throws InterruptedException {
        auditor = http.withBasicAuth("auditor", "auditor");
        thread = UUID.randomUUID().toString();
        EventStoreWriter store = new EventStoreWriter(dataSource);
        List<ThreadEvent> visit = Courses.visit(thread, null);
        store.append(visit.subList(0, 2));
        Thread.sleep(20);
        afterSecond = Instant.now();
        Thread.sleep(20);
        store.append(visit.subList(2, visit.size()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<JsonNode> view = auditor.getForEntity("/api/threads/" + thread, JsonNode.class);
            return view.getStatusCode().is2xxSuccessful() && view.getBody().get("version").asLong() == 5;
        });
    }

    @Test
    void a_threads_history_lists_every_event_in_order_with_who_recorded_it_when_and_its_chain_hash() {
        JsonNode history = auditor.getForObject("/api/audit/threads/" + thread + "/history", JsonNode.class);

        assertThat(history).hasSize(5);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode event = history.get(i);
            types.add(event.get("type").asText());
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("recordedBy").asText()).isEqualTo("clerk");
            assertThat(event.get("recordedAt").asText()).isNotBlank();
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("hash").asText()).hasSize(64);
            assertThat(event.get("payload").get("threadId").asText()).isEqualTo(thread);
        }
        assertThat(types).containsExactly("InvitationReceived", "MeetingAccepted", "LetterRecorded",
                "MeetingRescheduled", "MeetingHeld");
        assertThat(history.get(3).get("businessDate").asText()).isEqualTo("2020-08-27");
        assertThat(auditor.getForEntity("/api/audit/threads/no-such-thread/history", JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void the_global_history_pages_and_filters_by_type_party_business_date_recorder_and_recorded_time() {
        String party = "municipality-odense-kommune";
        JsonNode held = auditor.getForObject("/api/audit/events?type=MeetingHeld&party=" + party + "&limit=1000",
                JsonNode.class);
        assertThat(held.get("events")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("MeetingHeld"));
        assertThat(held.get("events")).anySatisfy(e -> assertThat(e.get("threadId").asText()).isEqualTo(thread));

        JsonNode august = auditor.getForObject("/api/audit/events?businessFrom=2020-08-27&businessTo=2020-08-27"
                + "&recordedBy=clerk&recordedFrom=" + afterSecond + "&limit=1000", JsonNode.class);
        assertThat(august.get("events")).filteredOn(e -> e.get("threadId").asText().equals(thread))
                .extracting(e -> e.get("type").asText()).containsExactly("LetterRecorded", "MeetingRescheduled");
        JsonNode before = auditor.getForObject("/api/audit/events?recordedTo=" + afterSecond + "&limit=1000",
                JsonNode.class);
        assertThat(before.get("events")).filteredOn(e -> e.get("threadId").asText().equals(thread)).hasSize(2);
        assertThat(auditor.getForObject("/api/audit/events?recordedBy=nobody", JsonNode.class).get("events"))
                .isEmpty();

        JsonNode first = auditor.getForObject("/api/audit/events?limit=2", JsonNode.class);
        long next = first.get("next").asLong();
        JsonNode second = auditor.getForObject("/api/audit/events?limit=2&after=" + next, JsonNode.class);
        assertThat(first.get("events")).hasSize(2);
        assertThat(second.get("events").get(0).get("position").asLong()).isGreaterThan(next);
    }

    @Test
    void bad_history_parameters_are_refused_naming_the_field() {
        assertProblem("/api/audit/events?limit=0", "limit");
        assertProblem("/api/audit/events?type=Nonsense", "type");
        assertProblem("/api/audit/events?businessFrom=2020-13-01", "businessFrom");
        assertProblem("/api/audit/events?after=-1", "after");
        assertProblem("/api/audit/threads/" + thread + "/as-recorded?at=yesterday", "at");
        assertProblem("/api/audit/threads?at=2020-01-01T00:00:00Z&limit=5000", "limit");
    }

    @Test
    void the_documents_list_gives_each_letter_with_its_dates_references_and_senders_as_json_and_csv() {
        JsonNode documents = auditor.getForObject("/api/audit/threads/" + thread + "/documents", JsonNode.class);
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).get("letterDate").asText()).isEqualTo("2020-06-24");
        assertThat(documents.get(0).get("senders")).hasSize(4);
        assertThat(documents.get(1).get("subject").asText()).isEqualTo("Besøget flyttes til 8. oktober");
        assertThat(documents.get(1).get("registeredBy").asText()).isEqualTo("clerk");

        HttpHeaders accept = new HttpHeaders();
        accept.set(HttpHeaders.ACCEPT, "text/csv");
        ResponseEntity<String> csv = auditor.exchange("/api/audit/threads/" + thread + "/documents", HttpMethod.GET,
                new HttpEntity<>(accept), String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(DocumentsCsv.HEADER);
        assertThat(lines[1]).contains("2020-06-24", "Københavns Kommune; Aarhus Kommune");
        assertThat(lines[2]).startsWith(documents.get(1).get("letterId").asText() + ",FOLLOW_UP,2020-08-27");
    }

    @Test
    void a_thread_as_recorded_at_a_moment_shows_only_what_had_been_recorded_by_then() {
        JsonNode then = auditor.getForObject("/api/audit/threads/" + thread + "/as-recorded?at=" + afterSecond,
                JsonNode.class);
        JsonNode now = auditor.getForObject("/api/audit/threads/" + thread + "/as-recorded?at=" + Instant.now(),
                JsonNode.class);
        JsonNode live = auditor.getForObject("/api/threads/" + thread, JsonNode.class);

        assertThat(then.get("thread").get("version").asLong()).isEqualTo(2);
        assertThat(then.get("thread").get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(then.get("thread").get("meeting").get("slot").get("start").asText()).startsWith("2020-09-24");
        assertThat(then.get("included")).hasSize(2);
        // The same fold as the live projection: at "now" the two agree field for field.
        assertThat(now.get("thread")).isEqualTo(live);
        assertThat(auditor.getForEntity("/api/audit/threads/" + thread + "/as-recorded?at=2001-01-01T00:00:00Z",
                JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void a_thread_as_of_a_business_date_includes_what_had_happened_by_then_even_if_registered_later() {
        JsonNode proposed = auditor.getForObject("/api/audit/threads/" + thread + "/as-of?date=2020-06-30",
                JsonNode.class);
        JsonNode moved = auditor.getForObject("/api/audit/threads/" + thread + "/as-of?date=2020-09-30",
                JsonNode.class);

        assertThat(proposed.get("thread").get("status").asText()).isEqualTo("DATE_PROPOSED");
        assertThat(moved.get("thread").get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(moved.get("thread").get("meeting").get("slot").get("start").asText()).startsWith("2020-10-08");
        assertThat(moved.get("included")).extracting(JsonNode::asLong).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void the_whole_thread_list_at_a_moment_is_folded_thread_by_thread_and_pages() {
        JsonNode page = auditor.getForObject("/api/audit/threads?limit=1000&at=" + afterSecond, JsonNode.class);

        assertThat(page.get("threads")).filteredOn(t -> t.get("threadId").asText().equals(thread))
                .singleElement().satisfies(t -> assertThat(t.get("status").asText()).isEqualTo("SCHEDULED"));
        // Small pages give the same threads as big ones, each once. (A page may hold fewer than its limit: other
        // tests leave streams behind that never opened a thread.)
        Instant now = Instant.now();
        List<String> small = threadsAt(now, 7);
        assertThat(small).containsExactlyElementsOf(threadsAt(now, 1000)).contains(thread).doesNotHaveDuplicates();
    }

    private List<String> threadsAt(Instant at, int limit) {
        List<String> ids = new ArrayList<>();
        String next = "";
        while (next != null) {
            JsonNode page = auditor.getForObject("/api/audit/threads?limit=" + limit + "&at=" + at + "&after=" + next,
                    JsonNode.class);
            page.get("threads").forEach(t -> ids.add(t.get("threadId").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
        }
        return ids;
    }

    @Test
    void a_sealed_ledger_verifies_and_its_export_verifies_offline_until_one_byte_changes(@TempDir Path dir)
            throws IOException, InterruptedException {
        ResponseEntity<JsonNode> sealed = auditor.postForEntity("/api/audit/digests", null, JsonNode.class);
        assertThat(sealed.getStatusCode().value()).isIn(200, 201);
        JsonNode report = auditor.getForObject("/api/audit/verify", JsonNode.class);
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("sealedBy").get("signature").asText()).isNotBlank();
        assertThat(auditor.getForObject("/api/audit/verify?thread=" + thread, JsonNode.class).get("verified")
                .asBoolean()).isTrue();

        Path key = dir.resolve("ledger.pub");
        Files.writeString(key, auditor.getForObject("/api/audit/public-key", String.class));
        Path export = dir.resolve("export.ndjson");
        auditor.execute("/api/audit/export", HttpMethod.GET, null, response -> {
            Files.copy(response.getBody(), export);
            return null;
        });
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("\"kind\":\"header\"");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"kind\":\"schema\"", "DateProposed"));
        assertThat(lines.get(lines.size() - 1)).contains("\"kind\":\"end\"");

        VerifyExportRunner.Result clean = VerifyExportRunner.run(export, key);
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).startsWith("VERIFIED");
        // The documented command, on the packaged jar, in a JVM of its own.
        Process command = new ProcessBuilder("../verify-export", export.toString(), key.toString())
                .redirectErrorStream(true).start();
        String printed = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(command.waitFor()).as(printed).isZero();
        assertThat(printed).startsWith("VERIFIED").contains("sealed by digest");

        int target = lines.size() - 3;
        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(target));
        byte[] payload = Base64.getDecoder().decode(event.get("payload").asText());
        payload[payload.length / 2] ^= 1;
        lines.set(target, lines.get(target).replace(event.get("payload").asText(),
                Base64.getEncoder().encodeToString(payload)));
        Files.write(export, lines, StandardCharsets.UTF_8);
        VerifyExportRunner.Result tampered = VerifyExportRunner.run(export, key);
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.output()).contains("NOT VERIFIED", "HASH_MISMATCH",
                "position " + event.get("position").asLong());

        Files.write(export, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
        assertThat(VerifyExportRunner.run(export, key).output()).contains("without its trailer");
    }

    @Test
    void seal_after_seal_covers_new_and_changed_threads_in_the_byte_order_of_their_ids_and_the_ledger_verifies() {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String suffix = UUID.randomUUID().toString();
        // Byte order (the "C" collation): Zulu, alpha, æble; a linguistic collation puts Zulu last.
        List<String> ids = List.of("Zulu-" + suffix, "alpha-" + suffix, "\u00e6ble-" + suffix);
        List<List<ThreadEvent>> visits = ids.stream().map(id -> Courses.visit(id, null)).toList();
        visits.forEach(visit -> store.append(visit.subList(0, 2)));
        JsonNode first = sealEverything();
        visits.forEach(visit -> store.append(visit.subList(2, visit.size())));
        store.append(Courses.visit(UUID.randomUUID().toString(), null));

        JsonNode second = sealEverything();

        assertThat(second.get("sequence").asLong()).isGreaterThan(first.get("sequence").asLong());
        assertThat(second.get("threadCount").asLong()).isEqualTo(first.get("threadCount").asLong() + 1)
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM audit_sealed_head", Long.class));
        assertThat(jdbc.queryForList("SELECT sequence_number FROM audit_sealed_head WHERE thread_id IN (?, ?, ?)",
                Long.class, ids.toArray())).containsOnly((long) visits.get(0).size() - 1).hasSize(3);
        // Byte order whatever the database's own collation (a C.UTF-8 database would not tell them apart).
        assertThat(jdbc.queryForObject("SELECT collation_name FROM information_schema.columns "
                + "WHERE table_name = 'audit_sealed_head' AND column_name = 'thread_id'", String.class)).isEqualTo("C");
        JsonNode report = auditor.getForObject("/api/audit/verify", JsonNode.class);
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("sealedBy").get("sequence").asLong()).isEqualTo(second.get("sequence").asLong());
        assertThat(report.get("sealedEvents").asLong()).isEqualTo(second.get("eventCount").asLong());
    }

    @Test
    void a_ledger_verified_two_threads_at_a_time_reads_every_event_and_sealed_head_once(
            @Autowired TamperEvidence inOnePass, @Autowired StoredEvents events, @Autowired DigestRepository digests,
            @Autowired AuditKeys keys, @Autowired FeedSchemas schemas, @Autowired PlatformTransactionManager transactions,
            @Autowired Clock clock) {
        EventStoreWriter store = new EventStoreWriter(dataSource);
        String suffix = UUID.randomUUID().toString();
        // Ids whose byte order differs from a linguistic one: the ranges are cut and read by bytes.
        for (String id : List.of("Zulu-" + suffix, "alpha-" + suffix, "\u00e6ble-" + suffix, "Ærø-" + suffix)) {
            store.append(Courses.visit(id, null));
        }
        sealEverything();
        store.append(Courses.partnership(UUID.randomUUID().toString(), null));
        TamperEvidence twoAtATime = new TamperEvidence(events, digests, keys, schemas, transactions, clock, 2);

        VerificationReport inPasses = twoAtATime.verify(null);
        VerificationReport inOne = inOnePass.verify(null);

        assertThat(inPasses.verified()).as(inPasses.problems().toString()).isTrue();
        assertThat(inPasses.threads()).isEqualTo(inOne.threads()).isGreaterThan(4);
        assertThat(inPasses.passes()).isGreaterThanOrEqualTo((int) (inPasses.threads() / 2));
        assertThat(inOne.passes()).isEqualTo(1);
        assertThat(List.of(inPasses.events(), inPasses.sealedEvents(), inPasses.unsealedEvents()))
                .isEqualTo(List.of(inOne.events(), inOne.sealedEvents(), inOne.unsealedEvents()));
        assertThat(inPasses.unsealedEvents()).isPositive();
    }

    @Test
    void a_second_whole_ledger_verification_while_one_runs_is_refused_as_busy_and_the_first_completes()
            throws Exception {
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // The first verification waits for the event table until the lock is released.
            statement.execute("LOCK TABLE public.domain_event_entry IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ResponseEntity<JsonNode>> first = CompletableFuture.supplyAsync(
                    () -> auditor.getForEntity("/api/audit/verify", JsonNode.class));
            // The stored-events read (its columns), not a processor's, is the one waiting.
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                    + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%AS tx, aggregate_identifier%'",
                    Long.class) > 0);

            // Answered at once: were it let in, it would wait for the lock and this would time out.
            ResponseEntity<JsonNode> second = CompletableFuture.supplyAsync(
                    () -> auditor.getForEntity("/api/audit/verify", JsonNode.class)).get(10, TimeUnit.SECONDS);
            // One thread's verification holds little and is not refused (it too waits for the lock).
            CompletableFuture<ResponseEntity<JsonNode>> oneThread = CompletableFuture.supplyAsync(
                    () -> auditor.getForEntity("/api/audit/verify?thread=" + thread, JsonNode.class));

            assertThat(second.getStatusCode().value()).isEqualTo(503);
            assertThat(second.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
            assertThat(second.getHeaders().getFirst("Retry-After")).isEqualTo("10");
            assertThat(second.getBody().get("detail").asText()).contains("verification of the whole ledger is running");
            blocker.rollback();
            assertThat(first.get(30, TimeUnit.SECONDS).getBody().get("verified").asBoolean()).isTrue();
            assertThat(oneThread.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(200);
        }
        assertThat(auditor.getForEntity("/api/audit/verify", JsonNode.class).getStatusCode().value()).isEqualTo(200);
    }

    /** Seals until a digest covers every stored event: a transaction still open holds the boundary back. */
    private JsonNode sealEverything() {
        long stored = jdbc.queryForObject("SELECT count(*) FROM public.domain_event_entry", Long.class);
        JsonNode[] digest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            digest[0] = auditor.postForObject("/api/audit/digests", null, JsonNode.class);
            return digest[0].get("eventCount").asLong() == stored;
        });
        return digest[0];
    }

    @Test
    void every_audit_read_is_recorded_and_only_auditors_may_read_the_audit_api() {
        auditor.getForObject("/api/audit/threads/" + thread + "/history", JsonNode.class);

        JsonNode log = auditor.getForObject("/api/audit/access-log?principal=auditor&limit=1000", JsonNode.class);
        assertThat(log).anySatisfy(entry -> {
            assertThat(entry.get("path").asText()).isEqualTo("/api/audit/threads/" + thread + "/history");
            assertThat(entry.get("method").asText()).isEqualTo("GET");
            assertThat(entry.get("status").asInt()).isEqualTo(200);
            assertThat(entry.get("remoteAddress").asText()).isNotBlank();
        });
        assertThat(http.withBasicAuth("dashboard", "dashboard").getForEntity("/api/audit/verify", String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.withBasicAuth("subscriber", "subscriber").getForEntity("/api/audit/events", String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.getForEntity("/api/audit/events", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void a_certified_rebuild_finds_no_difference_and_then_finds_a_doctored_read_model_row() {
        // Other tests of this context leave poisoned threads behind, held back live and in the rebuild alike.
        JsonNode clean = certify();
        assertThat(clean.get("differences").asLong()).as(clean.toString()).isZero();
        assertThat(clean.get("projections")).allSatisfy(projection -> assertThat(projection.get("heldBack"))
                .noneMatch(held -> held.asText().equals(thread)));

        String subject = jdbc.queryForObject("SELECT subject FROM thread_status WHERE thread_id = ?", String.class,
                thread);
        jdbc.update("UPDATE thread_status SET subject = 'doctored' WHERE thread_id = ?", thread);
        try {
            JsonNode report = certify();
            assertThat(report.get("certified").asBoolean()).isFalse();
            JsonNode status = findTable(report, "thread_status");
            assertThat(status.get("onlyLive").asLong()).isEqualTo(1);
            assertThat(status.get("onlyRebuilt").asLong()).isEqualTo(1);
            assertThat(status.get("onlyLiveExamples").get(0).asText()).contains("doctored", thread);
            assertThat(findTable(report, "timeline_entry").get("onlyLive").asLong()).isZero();
        } finally {
            jdbc.update("UPDATE thread_status SET subject = ? WHERE thread_id = ?", subject, thread);
        }
    }

    private JsonNode certify() {
        assertThat(auditor.postForEntity("/api/audit/certified-rebuilds", null, JsonNode.class).getStatusCode()
                .value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(
                auditor.getForObject("/api/audit/certified-rebuilds/latest", JsonNode.class).get("state").asText()));
        JsonNode report = auditor.getForObject("/api/audit/certified-rebuilds/latest", JsonNode.class);
        assertThat(report.get("state").asText()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.get("projections")).hasSize(3);
        return report;
    }

    private static JsonNode findTable(JsonNode report, String table) {
        for (JsonNode projection : report.get("projections")) {
            for (JsonNode comparison : projection.get("tables")) {
                if (comparison.get("table").asText().equals(table)) {
                    return comparison;
                }
            }
        }
        throw new AssertionError("no table " + table + " in " + report);
    }

    private void assertProblem(String url, String field) {
        ResponseEntity<JsonNode> response = auditor.getForEntity(url, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(url).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().toString()).as(url).contains(field);
    }
}
