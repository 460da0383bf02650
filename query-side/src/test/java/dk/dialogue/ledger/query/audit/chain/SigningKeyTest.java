package dk.dialogue.ledger.query.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    /** Made with {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}. */
    private static final String OPENSSL_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIIKbiQFRDQB/6kO8GxT8CMTmcEs9C7yaBic+PYF2/Xav
            -----END PRIVATE KEY-----
            """;
    private static final String OPENSSL_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAnwrwioEitmnKHRvpuuAeetoGSVV0TrlNnDPyD69bK3k=
            -----END PUBLIC KEY-----
            """;

    @Test
    void derives_the_public_key_openssl_derives_from_an_openssl_private_key() {
        SigningKey key = SigningKey.fromPem(OPENSSL_PRIVATE);

        assertThat(key.publicKeyPem().replace("\n", "")).isEqualTo(OPENSSL_PUBLIC.replace("\n", ""));
    }

    @Test
    void a_generated_key_survives_its_pem_round_trip() {
        SigningKey key = SigningKey.generate();

        SigningKey read = SigningKey.fromPem(key.privateKeyPem());

        assertThat(read.publicKeyPem()).isEqualTo(key.publicKeyPem());
        assertThat(read.keyId()).isEqualTo(key.keyId()).hasSize(64);
    }

    @Test
    void refuses_what_is_not_an_ed25519_private_key() {
        assertThatThrownBy(() -> SigningKey.fromPem(OPENSSL_PUBLIC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signed_digests_verify_with_the_public_key_and_chain_to_each_other() {
        SigningKey key = SigningKey.fromPem(OPENSSL_PRIVATE);
        Digest first = key.sign(digest(1, DigestVerifier.firstPrevious(), key));
        Digest second = key.sign(digest(2, first.statementHash(), key));

        assertThat(DigestVerifier.fromPem(OPENSSL_PUBLIC).check(List.of(first, second))).isEmpty();
    }

    @Test
    void a_changed_digest_a_foreign_key_a_missing_digest_and_a_broken_chain_are_each_named() {
        SigningKey key = SigningKey.generate();
        Digest first = key.sign(digest(1, DigestVerifier.firstPrevious(), key));
        Digest second = key.sign(digest(2, first.statementHash(), key));
        Digest third = key.sign(digest(3, second.statementHash(), key));
        DigestVerifier verifier = new DigestVerifier(key.publicKey());
        Digest altered = new Digest(2, second.createdAt(), second.boundaryTxId(), second.lastPosition(),
                second.eventCount() + 1, second.threadCount(), second.root(), second.previous(), second.keyId(),
                second.signature());

        assertThat(verifier.check(List.of(first, altered, third)).orElseThrow().kind())
                .isEqualTo(Problem.Kind.DIGEST_SIGNATURE_INVALID);
        assertThat(DigestVerifier.fromPem(OPENSSL_PUBLIC).check(List.of(first)).orElseThrow().kind())
                .isEqualTo(Problem.Kind.DIGEST_SIGNATURE_INVALID);
        assertThat(verifier.check(List.of(first, third)).orElseThrow().kind()).isEqualTo(Problem.Kind.DIGEST_MISSING);
        Digest unchained = key.sign(digest(2, first.previous(), key));
        assertThat(verifier.check(List.of(first, unchained)).orElseThrow().kind())
                .isEqualTo(Problem.Kind.DIGEST_CHAIN_BROKEN);
    }

    private static Digest digest(long sequence, String previous, SigningKey key) {
        return new Digest(sequence, Instant.parse("2026-11-25T10:00:00.123Z"), 100 * sequence, 10 * sequence,
                10 * sequence, 3, "ab".repeat(32), previous, key.keyId(), null);
    }
}
