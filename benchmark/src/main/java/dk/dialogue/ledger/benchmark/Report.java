package dk.dialogue.ledger.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures as a table for people and as JSON for tools, with CPU use per step and the machine. */
final class Report {

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();

    void add(Figure figure) {
        figures.add(figure);
        System.out.println("  " + line(figure).strip());
    }

    void cpu(String step, Map<String, Double> seconds) {
        cpu.put(step, seconds);
    }

    void machine(String key, Object value) {
        machine.put(key, value);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-12s | %-62s | %14s | %-9s | %8s | %-36s | %-4s |%n", "step",
                "figure", "value", "unit", "x limit", "target", "met"));
        out.append("|").append("-".repeat(14)).append("|").append("-".repeat(64)).append("|").append("-".repeat(16))
                .append("|").append("-".repeat(11)).append("|").append("-".repeat(10)).append("|")
                .append("-".repeat(38)).append("|").append("-".repeat(6)).append("|\n");
        figures.forEach(figure -> out.append(line(figure)).append('\n'));
        if (!cpu.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nCPU seconds per step (all parties share the same cores; JIT: the "
                    + "service's compiler threads, part of its figure):%n| %-22s | %12s | %7s | %11s | %7s | %11s | %14s | %8s |%n",
                    "step", "command side", "JIT", "query side", "JIT", "postgres", "load generator", "seconds"));
            out.append("|").append("-".repeat(24)).append("|").append("-".repeat(14)).append("|").append("-".repeat(9))
                    .append("|").append("-".repeat(13)).append("|").append("-".repeat(9)).append("|")
                    .append("-".repeat(13)).append("|").append("-".repeat(16)).append("|").append("-".repeat(10))
                    .append("|\n");
            cpu.forEach((step, used) -> out.append(String.format(Locale.ROOT,
                    "| %-22s | %12.1f | %7.1f | %11.1f | %7.1f | %11.1f | %14.1f | %8.1f |%n", step,
                    used.get("commandSide"), used.get("commandSideJit"), used.get("querySide"),
                    used.get("querySideJit"), used.get("postgres"), used.get("loadGenerator"),
                    used.get("wallClock"))));
        }
        return out.toString();
    }

    void writeJson(Path file, Options options) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", machine);
        document.put("options", Map.of("events", options.events(), "durationScale", options.durationScale(),
                "steps", options.steps(), "heap", options.heap(), "jvmOptions", options.jvmOptions(),
                "postgresSettings", options.serverSettings()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure figure : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", figure.step());
            row.put("figure", figure.name());
            row.put("value", Double.isNaN(figure.value()) ? null : figure.value());
            row.put("unit", figure.unit());
            row.put("ratioToLimit", Double.isNaN(figure.ratio()) ? null : figure.ratio());
            row.put("target", figure.target());
            row.put("met", figure.met());
            rows.add(row);
        }
        document.put("figures", rows);
        document.put("cpuSeconds", cpu);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    private static String line(Figure f) {
        String value = Double.isNaN(f.value()) ? "n/a" : number(f.value());
        String ratio = Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio());
        String met = f.met() == null ? "" : f.met() ? "yes" : "NO";
        return String.format(Locale.ROOT, "| %-12s | %-62s | %14s | %-9s | %8s | %-36s | %-4s |", f.step(), f.name(),
                value, f.unit(), ratio, f.target(), met);
    }

    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
