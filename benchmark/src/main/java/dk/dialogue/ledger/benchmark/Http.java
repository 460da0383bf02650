package dk.dialogue.ledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/**
 * HTTP as the demo users of the local profile: the timed steps' requests on {@link KeepAliveHttp}, one client (its
 * own threads and connections) for each user, the rest (start-up checks, the feed, the audit) on the JDK's client.
 * The clerks and the dashboards are different clients: with one pool for both, the commands of an overloaded step
 * held all of its threads and the dashboard's reads waited behind them, the generator's queue counted as the query
 * side's latency.
 */
final class Http implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static {
        // The JDK client keeps every idle connection, and taking one scans a list of all of them: after a step
        // that had hundreds of requests in flight, that scan was 13 % of the generator's CPU samples (JFR), CPU
        // taken from the services on the cores they share. A bounded pool whose idle connections expire after
        // 10 s keeps the scan short. Read once, when the client's connection pool class loads.
        System.setProperty("jdk.httpclient.connectionPoolSize", "64");
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        // The client hands every completed answer to CompletableFuture's default executor, the common fork-join
        // pool, which with one worker (two cores make one) is replaced by a new thread for each task: 9,002
        // threads started during the 9,000 commands of the 300/s step (jcmd PerfCounter.print), CPU and wake-ups
        // taken from the services and added to every measured latency. Two workers make the common pool the
        // executor. Read once, when CompletableFuture loads: before anything else in this process uses either.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            throw new IllegalStateException("the common fork-join pool started with one worker; run the benchmark"
                    + " with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
        }
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();

    private final Map<String, KeepAliveHttp> timed = new ConcurrentHashMap<>();

    HttpClient client() {
        return client;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    CompletableFuture<KeepAliveHttp.Answer> post(URI uri, String user, String json) {
        return client(user).post(uri, basic(user), json);
    }

    CompletableFuture<KeepAliveHttp.Answer> get(URI uri, String user) {
        return client(user).get(uri, basic(user));
    }

    private KeepAliveHttp client(String user) {
        return timed.computeIfAbsent(user, key -> new KeepAliveHttp());
    }

    CompletableFuture<HttpResponse<byte[]>> getBytes(URI uri, String user) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", basic(user)).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    <T> HttpResponse<T> send(URI uri, String user, Duration timeout, HttpResponse.BodyHandler<T> body)
            throws java.io.IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", basic(user)).GET().build();
        return client.send(request, body);
    }

    @Override
    public void close() {
        timed.values().forEach(KeepAliveHttp::close);
        executor.shutdownNow();
    }
}
