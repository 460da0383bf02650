package dk.dialogue.ledger.command.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;

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
     * given as an argument, system property or environment variable.
     */
    public static void startUnlessConfigured(String[] args) {
        if (datasourceConfigured(args, System.getenv())) {
            return;
        }
        Path dataDir = Path.of(setting(args, DATA_DIR_SETTING).orElse(DEFAULT_DATA_DIR)).toAbsolutePath();
        int port = setting(args, PORT_SETTING).map(Integer::parseInt).orElse(DEFAULT_PORT);
        EmbeddedDatabase database = start(dataDir, port);
        System.setProperty("spring.datasource.url", database.jdbcUrl());
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        SpringApplication.getShutdownHandlers().add(database::close);
    }

    /** Starts (creating if needed) a durable server on the given port and data directory. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
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

    static boolean datasourceConfigured(String[] args, Map<String, String> environment) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--spring.datasource.url="))
                || System.getProperty("spring.datasource.url") != null
                || environment.containsKey("SPRING_DATASOURCE_URL");
    }

    /**
     * A setting read before Spring starts, in Spring's order: a {@code --name=value} argument, a system
     * property, then the environment variable ({@code LEDGER_EMBEDDED_DATABASE_PORT} for
     * {@code ledger.embedded-database.port}).
     */
    private static Optional<String> setting(String[] args, String name) {
        String prefix = "--" + name + "=";
        String variable = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith(prefix))
                .map(arg -> arg.substring(prefix.length()))
                .findFirst()
                .or(() -> Optional.ofNullable(System.getProperty(name)))
                .or(() -> Optional.ofNullable(System.getenv(variable)));
    }
}
