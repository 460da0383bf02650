package dk.dialogue.ledger.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The PostgreSQL under test: a fresh embedded server (durable like the product's), or a fresh database on
 * the server named by the standard datasource settings, dropped again at the end.
 */
final class Database implements AutoCloseable {

    private static final String NAME = "ledger_benchmark";
    private static final Duration STATISTICS_DELAY = Duration.ofSeconds(11);

    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String url;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgres embedded, String serverUrl, String user, String password) {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + NAME + "$1");
        this.user = user;
        this.password = password;
    }

    static Database start(Options options, Map<String, String> environment) throws IOException, SQLException {
        String external = environment.get("SPRING_DATASOURCE_URL");
        Database database;
        if (external != null) {
            database = new Database(null, external, environment.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                    environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        } else {
            Path dataDir = options.workDir().resolve("pgdata");
            deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
            // The product's EmbeddedDatabase settings: an fsync'ed commit is part of what is measured.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(options.databasePort())
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200");
            if (options.statements()) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            options.serverSettings().forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            database = new Database(postgres, "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "postgres", "");
        }
        database.create();
        if (options.statements()) {
            database.createStatementStatistics();
        }
        return database;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * What has been written so far once every backend has reported it: rows inserted, updated and deleted in each
     * table of this database, write-ahead log records of the whole server, and transaction ids handed out (one for
     * each transaction that writes). Counts of work done, which compare between runs where CPU time on a shared
     * machine does not. Backends report to the statistics at most once a second, and an idle one within 10 s
     * (PostgreSQL's PGSTAT_IDLE_INTERVAL): this waits 11 s first, so the work must have ended.
     */
    Written writtenOnceReported() throws SQLException, InterruptedException {
        Thread.sleep(STATISTICS_DELAY.toMillis());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            Map<String, Long> tables = new TreeMap<>();
            try (ResultSet rs = statement.executeQuery("SELECT schemaname || '.' || relname, "
                    + "n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT (SELECT wal_records FROM pg_stat_wal), "
                    + "pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
                rs.next();
                return new Written(tables, rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * Rows written, log records and write transactions, since the server started or between two readings.
     *
     * @param tables rows written into each table (schema.table) of this database
     */
    record Written(Map<String, Long> tables, long walRecords, long transactions) {

        long rows() {
            return tables.values().stream().mapToLong(Long::longValue).sum();
        }

        Written since(Written before) {
            Map<String, Long> delta = new TreeMap<>();
            tables.forEach((table, written) -> delta.put(table, written - before.tables.getOrDefault(table, 0L)));
            return new Written(delta, walRecords - before.walRecords, transactions - before.transactions);
        }
    }

    /** Forgets the statement statistics gathered so far, so that the next reading is one step's. */
    void resetStatements() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** This database's statements since the last reset, the costliest first. */
    List<StatementCost> statements() throws SQLException {
        List<StatementCost> costs = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT calls, total_exec_time, rows, "
                     + "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                     + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                     + "ORDER BY total_exec_time DESC")) {
            while (rs.next()) {
                costs.add(new StatementCost(rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4)));
            }
        }
        return costs;
    }

    /**
     * One statement's share of the database's work.
     *
     * @param calls  executions
     * @param millis time spent executing them (not parsing or planning)
     * @param rows   rows they returned or changed
     * @param query  the normalised statement text
     */
    record StatementCost(long calls, double millis, long rows, String query) {
    }

    String version() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The postmaster's process id when the server runs on this machine (its backends are its children), or
     * -1 when it runs elsewhere: a backend's pid is then some unrelated local process or none.
     */
    long postmasterPid() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return Processes.commandLine(backend).startsWith("postgres") ? Processes.parentOf(backend) : -1;
        }
    }

    /** The embedded server preloads the library; a given server must have it preloaded already. */
    private void createStatementStatistics() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private void create() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + NAME);
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
