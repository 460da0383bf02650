package dk.dialogue.ledger.command.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each Spring test context a database of its own on a real PostgreSQL: the server named by
 * {@code LEDGER_TEST_DATABASE_URL} when set (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}), else an
 * embedded one started once per JVM. Databases are dropped and the embedded server stopped when the
 * JVM ends.
 */
public final class PostgresTestDatabase {

    private static final String EXTERNAL_URL = blankToNull(System.getenv("LEDGER_TEST_DATABASE_URL"));
    private static final String USER = System.getenv().getOrDefault("LEDGER_TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("LEDGER_TEST_DATABASE_PASSWORD", "");
    private static final List<String> CREATED = new ArrayList<>();
    private static EmbeddedPostgres embedded;
    private static String adminUrl;

    private PostgresTestDatabase() {
    }

    /** Where the tests run, for their output. */
    public static String server() {
        return EXTERNAL_URL != null ? EXTERNAL_URL : "embedded PostgreSQL";
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static synchronized String createDatabase() {
        String admin = adminUrl();
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(admin, "CREATE DATABASE " + name);
        CREATED.add(name);
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    private static String adminUrl() {
        if (adminUrl == null) {
            if (EXTERNAL_URL != null) {
                adminUrl = EXTERNAL_URL;
            } else {
                try {
                    embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
                }
                adminUrl = embedded.getJdbcUrl("postgres", "postgres");
            }
            // Spring's test contexts close in their own shutdown hook (Spring Boot's shutdown handlers do not
            // run in tests); give them a moment, then stop the server so no postgres process outlives the JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pause();
                cleanUp();
            }, "test-postgres-cleanup"));
        }
        return adminUrl;
    }

    private static void pause() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void cleanUp() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        CREATED.forEach(name -> execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Points a Spring test context at a fresh database. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            // Spring keeps test contexts alive for reuse; with full pools of 16 they took up to 98 of a shared
            // server's 100 connections (CI's second pass). Idle ones are closed instead.
            TestPropertyValues.of(
                    "spring.datasource.url=" + createDatabase(),
                    "spring.datasource.username=" + USER,
                    "spring.datasource.password=" + PASSWORD,
                    "spring.datasource.hikari.minimum-idle=1",
                    "spring.datasource.hikari.idle-timeout=10000"
            ).applyTo(context);
        }
    }
}
