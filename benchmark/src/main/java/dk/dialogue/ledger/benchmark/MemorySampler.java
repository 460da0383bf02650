package dk.dialogue.ledger.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap in use (from jstat) and resident memory (from /proc) once a second
 * while the mixed load runs: the steady state a long-running service settles in.
 */
final class MemorySampler {

    private static final double MIB = 1024.0 * 1024.0;

    private final Map<String, Service> services;
    private final Map<String, double[]> heap = new LinkedHashMap<>();
    private final Map<String, double[]> resident = new LinkedHashMap<>();
    private int samples;

    MemorySampler(Map<String, Service> services) {
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

    /**
     * Heap in use from {@code jstat -gc}: survivor, eden and old generation, in KiB. It reads the JVM's
     * shared performance counters, so it answers even when the service's HTTP threads are all busy.
     */
    private double heapUsed(Service service) {
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                    "-gc", Long.toString(service.pid())).redirectErrorStream(true).start();
            List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            jstat.waitFor();
            List<String> names = List.of(lines.get(0).trim().split("\\s+"));
            String[] values = lines.get(1).trim().split("\\s+");
            double kib = 0;
            for (String used : List.of("S0U", "S1U", "EU", "OU")) {
                kib += Double.parseDouble(values[names.indexOf(used)]);
            }
            return kib * 1024;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
