package dk.dialogue.ledger.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run and at which size.
 *
 * @param events        events bulk-loaded into the store for replay, read, verify, export and feed
 * @param durationScale multiplies every timed step; 1.0 is about ten minutes in all at the default size
 * @param steps         the steps to run, or all of them
 * @param workDir       where the embedded database and the results go
 * @param commandPort   HTTP port of the command side under test
 * @param queryPort     HTTP port of the query side under test
 * @param databasePort  port of the embedded PostgreSQL
 * @param heap          fixed heap of each service JVM, e.g. "256m"
 * @param flightRecords whether each service records a JFR profile into the work directory
 * @param jvmOptions    further options for both service JVMs, to compare settings such as the collector
 * @param serverSettings further settings of the embedded PostgreSQL (name to value), to compare settings
 * @param statements    whether PostgreSQL's statement statistics of the 300/s step are written into the work directory
 * @param lagRate       the lag step's command rate; NaN: 1,000/s or the sustained rate if lower
 */
public record Options(long events, double durationScale, Set<String> steps, Path workDir, int commandPort,
                      int queryPort, int databasePort, String heap, boolean flightRecords,
                      List<String> jvmOptions, Map<String, String> serverSettings,
                      boolean statements, double lagRate) {

    static final List<String> ALL_STEPS = List.of("limit", "commands", "lag", "replay", "audit", "feed", "queries",
            "memory");

    static final String USAGE = """
            ./benchmark.sh [--events N] [--duration X] [--quick] [--only step,step] [--heap 256m] [--jfr]
                           [--statements] [--lag-rate R] [--jvm "-XX:..."] [--pg "name=value ..."]
                           [--command-port 18080] [--query-port 18081] [--db-port 54339]
              --events N     events stored for replay, audit, feed and the sequential read (default 1000000)
              --duration X   multiply every timed step by X (default 1; 0.5 halves the run)
              --quick        smoke run of a few minutes: 10,000 events, duration 0.2
              --only s,s     run only these steps of: %s
              --jfr          record a JFR profile of each service into .benchmark/ (to find hot methods)
              --statements   write PostgreSQL's cost of each statement in the 300/s step (pg_stat_statements)
                             into .benchmark/statements.txt (where the database's time goes)
              --lag-rate R   measure the lag at R commands/s instead of 1,000/s or the sustained rate if lower
                             (to compare settings at the same rate below saturation)
              --jvm "opts"   further JVM options for both services, space-separated (to compare settings)
              --pg "n=v"     further settings of the embedded PostgreSQL, space-separated (to compare settings)
            A server named by SPRING_DATASOURCE_URL (with _USERNAME, _PASSWORD) is used instead of the embedded one.
            """.formatted(String.join(",", ALL_STEPS));

    static Options parse(String[] args) {
        long events = 1_000_000;
        double duration = 1.0;
        Set<String> steps = new LinkedHashSet<>(ALL_STEPS);
        int commandPort = 18080;
        int queryPort = 18081;
        int databasePort = 54339;
        String heap = "256m";
        boolean flightRecords = false;
        List<String> jvmOptions = List.of();
        boolean statements = false;
        double lagRate = Double.NaN;
        Map<String, String> serverSettings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--events" -> events = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                case "--duration" -> duration = Double.parseDouble(value(args, ++i, arg));
                case "--quick" -> {
                    events = 10_000;
                    duration = 0.2;
                }
                case "--only" -> {
                    steps = new LinkedHashSet<>(Arrays.asList(value(args, ++i, arg).split(",")));
                    if (!ALL_STEPS.containsAll(steps)) {
                        throw new IllegalArgumentException("unknown step in " + steps + "; steps are " + ALL_STEPS);
                    }
                }
                case "--heap" -> heap = value(args, ++i, arg);
                case "--jfr" -> flightRecords = true;
                case "--statements" -> statements = true;
                case "--lag-rate" -> {
                    lagRate = Double.parseDouble(value(args, ++i, arg));
                    if (!(lagRate > 0)) {
                        throw new IllegalArgumentException("--lag-rate takes a positive rate, not " + args[i]);
                    }
                }
                case "--jvm" -> jvmOptions = List.of(value(args, ++i, arg).trim().split("\\s+"));
                case "--pg" -> {
                    for (String setting : value(args, ++i, arg).trim().split("\\s+")) {
                        String[] nameValue = setting.split("=", 2);
                        if (nameValue.length != 2) {
                            throw new IllegalArgumentException("--pg takes name=value settings, not " + setting);
                        }
                        serverSettings.put(nameValue[0], nameValue[1]);
                    }
                }
                case "--command-port" -> commandPort = Integer.parseInt(value(args, ++i, arg));
                case "--query-port" -> queryPort = Integer.parseInt(value(args, ++i, arg));
                case "--db-port" -> databasePort = Integer.parseInt(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new Options(events, duration, steps, Path.of(".benchmark").toAbsolutePath(), commandPort, queryPort,
                databasePort, heap, flightRecords, jvmOptions, serverSettings,
                statements, lagRate);
    }

    boolean runs(String step) {
        return steps.contains(step);
    }

    /** A step's length, scaled, but never so short that a percentile means nothing. */
    java.time.Duration scaled(int seconds) {
        return java.time.Duration.ofMillis(Math.max(3_000, Math.round(seconds * 1000 * durationScale)));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
