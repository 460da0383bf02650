package dk.dialogue.ledger.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service of the ledger in its own JVM with a fixed heap, as it would run in production. */
final class Service implements AutoCloseable {

    private final String name;
    private final Process process;
    private final URI base;
    private final long startedNanos;

    private Service(String name, Process process, URI base, long startedNanos) {
        this.name = name;
        this.process = process;
        this.base = base;
        this.startedNanos = startedNanos;
    }

    /**
     * Launches the jar against the benchmark's database; its output goes to a log file next to the results.
     * It runs from a copy in the work directory: a rebuild in this clone during the run (./run, mvn install)
     * replaces the jar under a running JVM, which then fails to load classes.
     */
    static Service launch(String name, Path jar, int port, Database database, Options options, Path log,
                          List<String> extraJvmOptions) throws IOException {
        Path copy = options.workDir().resolve("benchmark-" + jar.getFileName());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + options.heap(), "-Xmx" + options.heap()));
        // The service's own JVM options (its module's jvm.options), as ./run and the Dockerfile start it; --jvm comes
        // after them.
        Path jvmOptions = jar.toAbsolutePath().getParent().getParent().resolve("jvm.options");
        if (Files.exists(jvmOptions)) {
            command.add("@" + jvmOptions);
        }
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", copy.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + port,
                // Naming a datasource keeps the command side from starting its own embedded PostgreSQL.
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Command-line settings win over the environment, but a stray datasource variable must not even compete.
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_DATASOURCE"));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        long started = System.nanoTime();
        return new Service(name, builder.start(), URI.create("http://localhost:" + port), started);
    }

    /** Waits for the readiness probe; answers the seconds from launch to ready. */
    double awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + "; see its log under .benchmark/");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout);
    }

    /** Fails the run when the service has gone: a figure measured against a dead service means nothing. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " stopped unexpectedly (exit status " + process.exitValue()
                    + "); see its log under .benchmark/");
        }
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM for a graceful stop; a kill only if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
