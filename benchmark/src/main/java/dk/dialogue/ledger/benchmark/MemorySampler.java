package dk.dialogue.ledger.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap in use (from each service's own Prometheus metrics) and resident memory (from /proc) once a second
 * while the mixed load runs: the steady state a long-running service settles in.
 */
final class MemorySampler {

    private static final double MIB = 1024.0 * 1024.0;

    private final ObjectMapper json = new ObjectMapper();
    private final Http http;
    private final Map<String, Service> services;
    private final Map<String, double[]> heap = new LinkedHashMap<>();
    private final Map<String, double[]> resident = new LinkedHashMap<>();
    private int samples;

    MemorySampler(Http http, Map<String, Service> services) {
        this.http = http;
        this.services = new java.util.TreeMap<>(services);
        this.services.keySet().forEach(name -> {
            heap.put(name, new double[2]);
            resident.put(name, new double[2]);
        });
    }

    /** Samples once a second; index 0 of each pair sums (for the mean), index 1 keeps the maximum. */
    void sampleUntil(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            services.forEach((name, service) -> {
                double used = heapUsed(service) / MIB;
                double rss = Processes.residentBytes(service.pid()) / MIB;
                add(heap.get(name), used);
                add(resident.get(name), rss);
            });
            samples++;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void report(Report report) {
        services.keySet().forEach(name -> {
            double[] h = heap.get(name);
            double[] r = resident.get(name);
            double heapMean = samples == 0 ? Double.NaN : h[0] / samples;
            boolean measured = samples > 0 && !Double.isNaN(h[1]);
            report.add(new Figure("8 memory", name + ": heap used, mean (max " + Report.number(h[1]) + ")",
                    measured ? heapMean : Double.NaN, "MiB", Double.NaN, "<= 256 MiB", measured ? h[1] <= 256 : null));
            report.add(new Figure("8 memory", name + ": resident set, max", r[1], "MiB", Double.NaN, "<= 384 MiB",
                    samples == 0 ? null : r[1] <= 384));
        });
    }

    private static void add(double[] pair, double value) {
        pair[0] += value;
        pair[1] = Math.max(pair[1], value);
    }

    /** jvm.memory.used over the heap pools, from the service's metrics endpoint. */
    private double heapUsed(Service service) {
        try {
            HttpResponse<String> metrics = http.send(service.base().resolve(
                            "/actuator/metrics/jvm.memory.used?tag=area:heap"), "auditor", Duration.ofSeconds(5),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                Errors.report(metrics);
                return Double.NaN;
            }
            return json.readTree(metrics.body()).path("measurements").path(0).path("value").asDouble(Double.NaN);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
