package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Checks digests against a public key the auditor holds, and their chain. */
public final class DigestVerifier {

    private static final String NO_PREVIOUS = "0".repeat(64);

    private final PublicKey publicKey;

    public DigestVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    public static DigestVerifier fromPem(String pem) {
        try {
            return new DigestVerifier(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    static String keyId(PublicKey key) {
        return Hashes.hex(Hashes.sha256(key.getEncoded()));
    }

    public static String firstPrevious() {
        return NO_PREVIOUS;
    }

    /** The first digest, in order, that is unsigned by this key or does not chain to the one before. */
    public Optional<Problem> check(List<Digest> digests) {
        String previous = NO_PREVIOUS;
        long expected = 1;
        for (Digest digest : digests) {
            if (digest.sequence() != expected) {
                return Optional.of(Problem.digest(Problem.Kind.DIGEST_MISSING, digest.sequence(),
                        "digest " + expected + " is missing before digest " + digest.sequence()));
            }
            if (!valid(digest)) {
                return Optional.of(Problem.digest(Problem.Kind.DIGEST_SIGNATURE_INVALID, digest.sequence(),
                        "digest " + digest.sequence() + " is not signed by the given key (key id " + keyId(publicKey)
                                + ")"));
            }
            if (!digest.previous().equals(previous)) {
                return Optional.of(Problem.digest(Problem.Kind.DIGEST_CHAIN_BROKEN, digest.sequence(),
                        "digest " + digest.sequence() + " does not chain to digest " + (expected - 1)));
            }
            previous = digest.statementHash();
            expected++;
        }
        return Optional.empty();
    }

    private boolean valid(Digest digest) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(digest.statement().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(digest.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
