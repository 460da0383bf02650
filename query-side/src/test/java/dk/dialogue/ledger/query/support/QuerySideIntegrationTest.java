package dk.dialogue.ledger.query.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The whole query side on a random port, with the local profile's demo users, on a fresh real PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Digests are made by the tests when they need one, not by the timer in the middle of a test.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.audit.signing-key-file=target/audit-signing-key.pem", "ledger.audit.seal-interval=PT1H"})
@ActiveProfiles("local")
@ContextConfiguration(initializers = PostgresTestDatabase.Initializer.class)
public @interface QuerySideIntegrationTest {
}
