package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerVerifierTest {

    private static final long BOUNDARY = 100;

    private final SigningKey key = SigningKey.generate();
    private Chains chains;
    private Digest digest;

    @BeforeEach
    void threeThreadsSealedThenTwoEventsMore() {
        chains = new Chains();
        long tx = 10;
        for (int round = 0; round < 3; round++) {
            for (String thread : List.of("t-a", "t-b", "t-c")) {
                chains.append(thread, tx++);
            }
        }
        List<ChainHead> sealed = chains.headsBelow(BOUNDARY);
        digest = key.sign(new Digest(1, Instant.parse("2026-11-25T12:00:00Z"), BOUNDARY, 9, 9, 3,
                Hashes.hex(MerkleTree.root(sealed)), DigestVerifier.firstPrevious(), key.keyId(), null));
        chains.append("t-a", BOUNDARY + 1).append("t-d", BOUNDARY + 2);
    }

    @Test
    void an_untouched_ledger_verifies_with_its_sealed_and_unsealed_events_counted() {
        VerificationReport report = verify(chains.events());

        assertThat(report.verified()).isTrue();
        assertThat(report.events()).isEqualTo(11);
        assertThat(report.threads()).isEqualTo(4);
        assertThat(report.sealedEvents()).isEqualTo(9);
        assertThat(report.unsealedEvents()).isEqualTo(2);
        assertThat(report.firstProblem()).isNull();
    }

    @Test
    void a_changed_payload_byte_is_pinned_on_that_event() {
        List<StoredEvent> events = chains.events();
        StoredEvent target = events.get(4);
        byte[] payload = target.payload().clone();
        payload[3] ^= 1;
        events.set(4, Chains.withPayload(target, payload));

        Problem first = verify(events).firstProblem();

        assertThat(first.kind()).isEqualTo(Problem.Kind.HASH_MISMATCH);
        assertThat(first.position()).isEqualTo(target.position());
        assertThat(first.threadId()).isEqualTo(target.threadId());
        assertThat(first.sequence()).isEqualTo(target.sequence());
    }

    @Test
    void a_changed_event_whose_hash_was_recomputed_breaks_the_link_to_the_next_event() {
        List<StoredEvent> events = chains.events();
        StoredEvent target = events.get(1); // t-b, event 0
        StoredEvent forged = Chains.withTimeStamp(target, "2026-01-01T00:00:00Z");
        events.set(1, Chains.withHash(forged, Hashes.event(Hashes.GENESIS, forged)));

        Problem first = verify(events).firstProblem();

        assertThat(first.kind()).isEqualTo(Problem.Kind.HASH_MISMATCH);
        assertThat(first.threadId()).isEqualTo("t-b");
        assertThat(first.sequence()).isEqualTo(1);
    }

    @Test
    void a_removed_event_in_the_middle_of_a_thread_is_a_gap() {
        List<StoredEvent> events = chains.events();
        events.remove(3); // t-a, event 1

        Problem first = verify(events).firstProblem();

        assertThat(first.kind()).isEqualTo(Problem.Kind.SEQUENCE_GAP);
        assertThat(first.threadId()).isEqualTo("t-a");
        assertThat(first.detail()).contains("lacks event 1");
    }

    @Test
    void a_removed_last_sealed_event_is_caught_by_the_digest_and_named_by_its_thread() {
        List<StoredEvent> events = chains.events();
        events.remove(8); // t-c, event 2: the last of t-c, sealed

        VerificationReport report = verify(events);

        assertThat(report.firstProblem().kind()).isEqualTo(Problem.Kind.SEALED_HEAD_MISMATCH);
        assertThat(report.firstProblem().threadId()).isEqualTo("t-c");
    }

    @Test
    void without_the_stored_heads_a_removed_last_event_still_fails_the_signed_root() {
        List<StoredEvent> events = chains.events();
        events.remove(8);

        VerificationReport report = Verification.ledger(List.of(digest), new DigestVerifier(key.publicKey()),
                Chains.source(events, null), Integer.MAX_VALUE);

        assertThat(report.firstProblem().kind()).isEqualTo(Problem.Kind.DIGEST_ROOT_MISMATCH);
    }

    @Test
    void a_removed_thread_is_named() {
        List<StoredEvent> events = chains.events();
        events.removeIf(e -> e.threadId().equals("t-b"));

        Problem first = verify(events).firstProblem();

        assertThat(first.kind()).isEqualTo(Problem.Kind.SEALED_THREAD_MISSING);
        assertThat(first.threadId()).isEqualTo("t-b");
    }

    @Test
    void a_forged_thread_dated_into_the_sealed_past_is_named() {
        Chains forged = new Chains();
        forged.append("t-forged", 50);
        List<StoredEvent> events = chains.events();
        StoredEvent fake = forged.events().get(0);
        events.add(new StoredEvent(1000, fake.txId(), fake.threadId(), 0, fake.eventId(), fake.aggregateType(),
                fake.payloadType(), fake.payloadRevision(), fake.timeStamp(), fake.payload(), fake.metaData(),
                Hashes.event(Hashes.GENESIS, new StoredEvent(1000, fake.txId(), fake.threadId(), 0, fake.eventId(),
                        fake.aggregateType(), fake.payloadType(), fake.payloadRevision(), fake.timeStamp(),
                        fake.payload(), fake.metaData(), null))));

        Problem first = verify(events).firstProblem();

        assertThat(first.kind()).isEqualTo(Problem.Kind.UNSEALED_THREAD);
        assertThat(first.threadId()).isEqualTo("t-forged");
    }

    @Test
    void altered_stored_heads_cannot_hide_a_change_because_they_must_give_the_signed_root() {
        List<StoredEvent> events = chains.events();
        events.remove(8);
        List<ChainHead> doctored = chains.events().subList(0, 8).stream()
                .collect(java.util.stream.Collectors.toMap(StoredEvent::threadId,
                        e -> new ChainHead(e.threadId(), e.sequence(), e.hash()), (a, b) -> b))
                .values().stream().toList();

        VerificationReport report = Verification.ledger(List.of(digest), new DigestVerifier(key.publicKey()),
                Chains.source(events, doctored), Integer.MAX_VALUE);

        assertThat(report.problems()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.SEALED_HEADS_ALTERED, Problem.Kind.DIGEST_ROOT_MISMATCH);
    }

    @Test
    void a_digest_signed_by_another_key_is_reported_first_and_the_chains_are_still_checked() {
        List<StoredEvent> events = chains.events();
        events.set(0, Chains.withPayload(events.get(0), "{}".getBytes(StandardCharsets.UTF_8)));

        VerificationReport report = Verification.ledger(List.of(digest),
                new DigestVerifier(SigningKey.generate().publicKey()), Chains.source(events,
                        chains.headsBelow(BOUNDARY)), Integer.MAX_VALUE);

        assertThat(report.problems()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.DIGEST_SIGNATURE_INVALID, Problem.Kind.HASH_MISMATCH);
    }

    @Test
    void events_out_of_global_order_are_reported() {
        List<StoredEvent> events = chains.events();
        StoredEvent moved = events.remove(0);
        events.add(moved);

        assertThat(verify(events).problems()).extracting(Problem::kind).contains(Problem.Kind.OUT_OF_ORDER);
    }

    @Test
    void one_thread_verifies_against_its_sealed_head() {
        List<StoredEvent> thread = chains.events().stream().filter(e -> e.threadId().equals("t-c")).toList();
        ChainHead sealed = chains.headsBelow(BOUNDARY).stream().filter(h -> h.threadId().equals("t-c")).findFirst()
                .orElseThrow();
        DigestVerifier verifier = new DigestVerifier(key.publicKey());

        assertThat(Verification.thread("t-c", List.of(digest), verifier, sealed, sink -> thread.forEach(sink))
                .verified()).isTrue();
        assertThat(Verification.thread("t-c", List.of(digest), verifier, sealed,
                sink -> thread.subList(0, 2).forEach(sink)).firstProblem().kind())
                .isEqualTo(Problem.Kind.SEALED_HEAD_MISMATCH);
    }

    @Test
    void problems_come_in_the_order_of_the_events_they_concern_however_many_and_at_most_a_hundred() {
        Chains many = new Chains();
        for (int i = 0; i < 3000; i++) {
            many.append("t-" + (i % 7), 1);
        }
        List<StoredEvent> events = many.events();
        // Every 25th event changed and every 20th of one thread removed: well over a hundred problems, interleaved.
        List<Long> changed = new java.util.ArrayList<>();
        for (int i = 5; i < events.size(); i += 25) {
            events.set(i, Chains.withPayload(events.get(i), "{}".getBytes(StandardCharsets.UTF_8)));
            changed.add(events.get(i).position());
        }
        events.removeIf(e -> e.threadId().equals("t-3") && e.sequence() % 20 == 10);

        List<Problem> problems = Verification.ledger(List.of(), new DigestVerifier(null),
                Chains.source(events, null), Integer.MAX_VALUE).problems();

        assertThat(problems).hasSize(100);
        assertThat(problems).extracting(Problem::position).isSorted();
        assertThat(problems.get(0).kind()).isEqualTo(Problem.Kind.HASH_MISMATCH);
        assertThat(problems.get(0).position()).isEqualTo(changed.get(0));
        assertThat(problems).extracting(Problem::kind)
                .contains(Problem.Kind.SEQUENCE_GAP, Problem.Kind.HASH_MISMATCH);
    }

    @ParameterizedTest(name = "{0} threads at a time")
    @ValueSource(ints = {1, 2, 3})
    void a_ledger_verified_a_range_of_threads_at_a_time_gives_the_report_of_one_pass(int threadsPerPass) {
        List<StoredEvent> untouched = chains.events();
        List<StoredEvent> changed = chains.events();
        changed.set(4, Chains.withPayload(changed.get(4), "{}".getBytes(StandardCharsets.UTF_8)));
        List<StoredEvent> threadRemoved = chains.events();
        threadRemoved.removeIf(e -> e.threadId().equals("t-b"));
        List<StoredEvent> lastSealedRemoved = chains.events();
        lastSealedRemoved.remove(8);

        for (List<StoredEvent> events : List.of(untouched, changed, threadRemoved, lastSealedRemoved)) {
            VerificationReport inPasses = verify(events, threadsPerPass);
            VerificationReport inOne = verify(events);

            assertThat(inPasses.problems()).isEqualTo(inOne.problems());
            assertThat(List.of(inPasses.events(), inPasses.threads(), inPasses.sealedEvents()))
                    .isEqualTo(List.of(inOne.events(), inOne.threads(), inOne.sealedEvents()));
        }
        assertThat(verify(untouched, threadsPerPass).verified()).isTrue();
    }

    @Test
    void the_passes_cover_every_thread_once_in_thread_order_holding_no_more_threads_than_allowed() {
        Chains many = fiftyThreeThreads();
        List<ThreadRange> passes = new ArrayList<>();

        VerificationReport report = verifySealed(many, noting(Chains.source(many.events(),
                many.headsBelow(BOUNDARY)), new ArrayList<>(), passes, false));

        assertThat(report.verified()).isTrue();
        assertThat(report.passes()).isEqualTo(passes.size()).isGreaterThanOrEqualTo(6);
        assertThat(report.threads()).isEqualTo(53);
        assertThat(report.events()).isEqualTo(500);
        assertThat(passes.get(0).from()).isNull();
        assertThat(passes.get(passes.size() - 1).to()).isNull();
        for (int i = 1; i < passes.size(); i++) {
            assertThat(passes.get(i).from()).isEqualTo(passes.get(i - 1).to());
        }
        for (ThreadRange pass : passes) {
            assertThat(many.events().stream().map(StoredEvent::threadId).filter(pass::contains).distinct().count())
                    .isBetween(1L, 10L);
        }
    }

    @Test
    void passes_are_planned_from_the_recorded_heads_so_that_a_sealed_ledger_needs_no_narrowing() {
        Chains many = fiftyThreeThreads();
        List<ThreadRange> reads = new ArrayList<>();

        VerificationReport report = verifySealed(many, noting(Chains.source(many.events(),
                many.headsBelow(BOUNDARY)), reads, new ArrayList<>(), true));

        assertThat(report.verified()).isTrue();
        assertThat(report.passes()).as("53 threads, at most 9 a pass").isEqualTo(6);
        assertThat(reads).as("one read of the events a pass").hasSize(6);
    }

    /** 500 events of 53 threads, interleaved. */
    private static Chains fiftyThreeThreads() {
        Chains many = new Chains();
        for (int i = 0; i < 500; i++) {
            many.append("t-" + (i * 7919 % 53), 1);
        }
        return many;
    }

    /** Verified ten threads a pass against a digest that sealed every event. */
    private VerificationReport verifySealed(Chains many, LedgerSource source) {
        Digest sealedAll = key.sign(new Digest(1, Instant.parse("2026-11-25T12:00:00Z"), BOUNDARY, 500, 500, 53,
                Hashes.hex(MerkleTree.root(many.headsBelow(BOUNDARY))), DigestVerifier.firstPrevious(), key.keyId(),
                null));
        return Verification.ledger(List.of(sealedAll), new DigestVerifier(key.publicKey()), source, 10);
    }

    /**
     * The source, noting the ranges whose events and whose heads were read; {@code planned} false keeps the heads
     * of the whole ledger from it, so that the passes narrow as they meet threads.
     */
    private static LedgerSource noting(LedgerSource source, List<ThreadRange> eventReads,
                                       List<ThreadRange> headReads, boolean planned) {
        return new LedgerSource() {
            @Override
            public void events(ThreadRange range, long after, Predicate<StoredEvent> sink) {
                eventReads.add(range);
                source.events(range, after, sink);
            }

            @Override
            public Iterator<ChainHead> sealedHeads(Digest digest, ThreadRange range) {
                if (range.equals(ThreadRange.ALL)) {
                    return planned ? source.sealedHeads(digest, range) : Collections.emptyIterator();
                }
                headReads.add(range);
                return source.sealedHeads(digest, range);
            }
        };
    }

    @Test
    void a_plan_divides_the_recorded_threads_equally_into_as_few_passes_as_hold_them_at_nineteen_twentieths() {
        List<ChainHead> heads = heads(20);

        // At most 9 of 10 a pass: three passes of 6, 7 and 7 (fixed ranges of 9 left a pass of 2).
        assertThat(Verification.plan(heads.iterator(), 10)).containsExactly("t-000006", "t-000013");
        assertThat(Verification.plan(heads.iterator(), 20)).as("19 a pass: two of 10")
                .containsExactly("t-000010");
        assertThat(Verification.plan(heads.iterator(), 22)).as("all 20 in one pass").isEmpty();
        assertThat(Verification.plan(Collections.emptyIterator(), 10)).isEmpty();
        assertThat(Verification.plan(null, 10)).isEmpty();
    }

    @Test
    void a_plan_of_many_threads_ends_its_passes_on_every_step_th_thread_so_that_they_differ_by_at_most_a_step() {
        // As 1.29 million threads at 350,000 a pass, scaled down: 4 passes where fixed ranges made 5.
        int threadsPerPass = 35_000;
        List<ChainHead> heads = heads(129_000);

        List<String> ends = Verification.plan(heads.iterator(), threadsPerPass);

        assertThat(ends).hasSize(3);
        List<Integer> bounds = new ArrayList<>(List.of(0));
        ends.forEach(end -> bounds.add(Integer.parseInt(end.substring(2))));
        bounds.add(heads.size());
        int step = threadsPerPass * 19 / 20 / 1000;
        ends.forEach(end -> assertThat(Integer.parseInt(end.substring(2)) % step).as("%s kept", end).isZero());
        for (int pass = 0; pass < 4; pass++) {
            assertThat(bounds.get(pass + 1) - bounds.get(pass)).as("pass %d", pass)
                    .isBetween(129_000 / 4 - step, 129_000 / 4 + step);
        }
    }

    /** Recorded heads of {@code count} threads whose ids, in thread order, end in their index. */
    private static List<ChainHead> heads(int count) {
        List<ChainHead> heads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            heads.add(new ChainHead("t-%06d".formatted(i), 0, new byte[32]));
        }
        return heads;
    }

    @Test
    void problems_found_in_many_passes_are_the_first_hundred_in_event_order_as_in_one_pass() {
        Chains many = new Chains();
        for (int i = 0; i < 3000; i++) {
            many.append("t-" + (i % 2), 1);
        }
        many.append("t-2", 1).append("t-3", 1);
        List<StoredEvent> events = many.events();
        for (int i = 5; i < 3000; i += 25) {
            events.set(i, Chains.withPayload(events.get(i), "{}".getBytes(StandardCharsets.UTF_8)));
        }
        DigestVerifier noKey = new DigestVerifier(null);

        List<Problem> inOne = Verification.ledger(List.of(), noKey, Chains.source(events, null), Integer.MAX_VALUE)
                .problems();
        // One thread a pass: the first split forgets the second thread's problems, which a later pass finds again.
        List<Problem> inPasses = Verification.ledger(List.of(), noKey, Chains.source(events, null), 1).problems();

        assertThat(inOne).hasSize(100).extracting(Problem::threadId).contains("t-0", "t-1");
        assertThat(inPasses).isEqualTo(inOne);
    }

    private VerificationReport verify(List<StoredEvent> events) {
        return verify(events, Integer.MAX_VALUE);
    }

    private VerificationReport verify(List<StoredEvent> events, int threadsPerPass) {
        return Verification.ledger(List.of(digest), new DigestVerifier(key.publicKey()),
                Chains.source(events, chains.headsBelow(BOUNDARY)), threadsPerPass);
    }
}
