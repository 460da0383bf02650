package dk.dialogue.ledger.command.security;

import static dk.dialogue.ledger.command.support.Requests.invitation;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@CommandSideIntegrationTest
class JwtResourceServerIT {

    private static final String ISSUER = "https://login.example.dk/realms/ledger";
    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("ledger-jwt", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("ledger.security.jwt.enabled", () -> "true");
        registry.add("ledger.security.jwt.issuer-uri", () -> ISSUER);
        registry.add("ledger.security.jwt.audience", () -> "ledger-api");
        registry.add("ledger.security.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void a_token_for_this_audience_with_the_clerk_role_may_record() throws Exception {
        var response = post(token(KEYS, ISSUER, "ledger-api", List.of("CLERK")));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void a_token_for_another_audience_issuer_or_key_is_refused() throws Exception {
        assertThat(post(token(KEYS, ISSUER, "another-api", List.of("CLERK"))).status()).isEqualTo(401);
        assertThat(post(token(KEYS, "https://elsewhere.example", "ledger-api", List.of("CLERK"))).status())
                .isEqualTo(401);
        assertThat(post(token(OTHER_KEYS, ISSUER, "ledger-api", List.of("CLERK"))).status()).isEqualTo(401);
    }

    @Test
    void a_valid_token_without_the_clerk_role_is_forbidden() throws Exception {
        assertThat(post(token(KEYS, ISSUER, "ledger-api", List.of("DASHBOARD"))).status()).isEqualTo(403);
    }

    @Test
    void basic_authentication_keeps_working_alongside() {
        assertThat(LedgerClient.as(port, "clerk").post("/api/threads", invitation("basic next to jwt")).status())
                .isEqualTo(201);
    }

    private LedgerClient.Response post(String token) {
        return LedgerClient.anonymous(port).post("/api/threads", invitation("jwt " + System.nanoTime()),
                Map.of("Authorization", "Bearer " + token));
    }

    private static String token(KeyPair keys, String issuer, String audience, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("kl-sekretariat")
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
