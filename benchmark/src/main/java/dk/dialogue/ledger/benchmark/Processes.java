package dk.dialogue.ledger.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads Linux's /proc: CPU time, parent, children and resident memory of processes. */
final class Processes {

    /** USER_HZ: the unit of /proc/<pid>/stat times on every Linux the JDK supports. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Processes() {
    }

    /** User plus system CPU seconds of a process; with {@code reaped}, also of its children that have exited. */
    static double cpuSeconds(long pid, boolean reaped) {
        String[] fields = stat(pid);
        if (fields == null) {
            return 0;
        }
        // Fields after the command name: state is [0], utime [11], stime [12], cutime [13], cstime [14].
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (reaped) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of each live thread of a process whose name the filter accepts, by thread id. Threads that
     * ended are not listed (HotSpot starts and stops compiler threads as its queue grows and shrinks).
     */
    static Map<Long, Double> threadCpuSeconds(long pid, Predicate<String> names) {
        Map<Long, Double> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue;
                }
                if (names.test(name)) {
                    long tid = Long.parseLong(task.getFileName().toString());
                    String[] fields = stat(pid + "/task/" + tid);
                    if (fields != null) {
                        threads.put(tid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
                    }
                }
            }
        } catch (IOException e) {
            return threads;
        }
        return threads;
    }

    static long parentOf(long pid) {
        String[] fields = stat(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    static List<Long> childrenOf(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (parentOf(pid) == parent) {
                        children.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** The process's command line (arguments joined by spaces), or empty when it is not visible here. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident set size in bytes, or -1 when the process is gone. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The fields of /proc/<pid>/stat after the command name (which may itself contain spaces). */
    private static String[] stat(long pid) {
        return stat(Long.toString(pid));
    }

    /** The same for /proc/<path>/stat, where path names a process or one of its threads. */
    private static String[] stat(String path) {
        try {
            String text = Files.readString(Path.of("/proc/" + path + "/stat"));
            return text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
