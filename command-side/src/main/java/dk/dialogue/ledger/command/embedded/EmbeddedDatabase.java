package dk.dialogue.ledger.command.embedded;

import dk.dialogue.ledger.command.service.startup.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL in a persistent data directory, for running the ledger with nothing installed.
 * Unlike the library's defaults it is durable: fsync, synchronous commit and full-page writes are on,
 * so nothing acknowledged is lost on a crash. It stops only after every Spring context has closed.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "ledger";
    static final String DATA_DIR_SETTING = "ledger.embedded-database.data-dir";
    static final String PORT_SETTING = "ledger.embedded-database.port";
    static final String DEFAULT_DATA_DIR = ".ledger/pgdata";
    static final int DEFAULT_PORT = 54329;

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the embedded server and points {@code spring.datasource.*} at it, unless a datasource URL is
     * configured (argument, system property, environment variable or file). Added by {@code main} only, so tests
     * bring their own database; as an initializer it runs inside Spring's startup, so a failure to start is
     * reported like every other startup failure, in one line.
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> unlessConfigured() {
        return context -> {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (environment.containsProperty("spring.datasource.url")) {
                return;
            }
            Path dataDir = Path.of(environment.getProperty(DATA_DIR_SETTING, DEFAULT_DATA_DIR)).toAbsolutePath();
            int port = environment.getProperty(PORT_SETTING, Integer.class, DEFAULT_PORT);
            EmbeddedDatabase database = start(dataDir, port);
            environment.getPropertySources().addFirst(new MapPropertySource("embedded-database", Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "")));
            // Shutdown handlers run after every context has closed, so the database outlives the application.
            SpringApplication.getShutdownHandlers().add(database::close);
        };
    }

    /** Starts (creating if needed) a durable server on the given port and data directory. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        refuseTakenPort(port);
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            database.createLedgerDatabase();
            return database;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL on port " + port + " with data in "
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createLedgerDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database '" + DATABASE + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Without this check PostgreSQL's own "could not bind" ends in a timeout of the library that starts it and a
     * stack trace; port 0 (any free port) needs none.
     */
    private static void refuseTakenPort(int port) {
        if (port == 0) {
            return;
        }
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        } catch (IOException e) {
            throw new StartupProblem("port " + port + " of the embedded PostgreSQL is already in use",
                    "set LEDGER_EMBEDDED_DATABASE_PORT, or SPRING_DATASOURCE_URL to use another database");
        }
    }
}
