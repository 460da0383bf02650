package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                d -> null, sink -> events.forEach(sink));

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
                d -> doctored, sink -> events.forEach(sink));

        assertThat(report.problems()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.SEALED_HEADS_ALTERED, Problem.Kind.DIGEST_ROOT_MISMATCH);
    }

    @Test
    void a_digest_signed_by_another_key_is_reported_first_and_the_chains_are_still_checked() {
        List<StoredEvent> events = chains.events();
        events.set(0, Chains.withPayload(events.get(0), "{}".getBytes(StandardCharsets.UTF_8)));

        VerificationReport report = Verification.ledger(List.of(digest),
                new DigestVerifier(SigningKey.generate().publicKey()), d -> chains.headsBelow(BOUNDARY),
                sink -> events.forEach(sink));

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

        List<Problem> problems = Verification.ledger(List.of(), new DigestVerifier(null), d -> null,
                sink -> events.forEach(sink)).problems();

        assertThat(problems).hasSize(100);
        assertThat(problems).extracting(Problem::position).isSorted();
        assertThat(problems.get(0).kind()).isEqualTo(Problem.Kind.HASH_MISMATCH);
        assertThat(problems.get(0).position()).isEqualTo(changed.get(0));
        assertThat(problems).extracting(Problem::kind)
                .contains(Problem.Kind.SEQUENCE_GAP, Problem.Kind.HASH_MISMATCH);
    }

    private VerificationReport verify(List<StoredEvent> events) {
        return Verification.ledger(List.of(digest), new DigestVerifier(key.publicKey()),
                d -> chains.headsBelow(BOUNDARY), sink -> events.forEach(sink));
    }
}
