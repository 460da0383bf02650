package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The Ed25519 key that signs digests: read from PKCS#8 PEM (as {@code openssl genpkey -algorithm ed25519} writes). */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    public static SigningKey generate() {
        try {
            return new SigningKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has Ed25519", e);
        }
    }

    public static SigningKey fromPem(String pem) {
        try {
            byte[] der = Pem.decode(pem, "PRIVATE KEY");
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
            return new SigningKey(derive(seed));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from the private one; its key generator makes the
     * private key from 32 random bytes, so handing it the stored bytes as the randomness yields the same pair.
     */
    private static KeyPair derive(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair();
    }

    public String privateKeyPem() {
        return Pem.encode(privateKey.getEncoded(), "PRIVATE KEY");
    }

    public String publicKeyPem() {
        return Pem.encode(publicKey.getEncoded(), "PUBLIC KEY");
    }

    public String keyId() {
        return DigestVerifier.keyId(publicKey);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Signs the digest's statement. */
    public Digest sign(Digest unsigned) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(unsigned.statement().getBytes(StandardCharsets.UTF_8));
            return unsigned.signed(Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
