package dk.dialogue.ledger.benchmark;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds used during one step by each party sharing the cores: the two services, PostgreSQL (the
 * postmaster, its live backends and those that exited) and this load generator; and, of each service's, the
 * part its JIT compiler threads used, so that a step measured while the JVMs still compile says so.
 */
final class CpuMeter {

    private static final long REAP_SETTLE_MILLIS = 500;

    private final long commandPid;
    private final long queryPid;
    private final long postmasterPid;
    private final CompilerThreads commandCompiler;
    private final CompilerThreads queryCompiler;

    CpuMeter(long commandPid, long queryPid, long postmasterPid) {
        this(commandPid, queryPid, postmasterPid, new CompilerThreads(commandPid), new CompilerThreads(queryPid));
    }

    private CpuMeter(long commandPid, long queryPid, long postmasterPid, CompilerThreads commandCompiler,
                     CompilerThreads queryCompiler) {
        this.commandPid = commandPid;
        this.queryPid = queryPid;
        this.postmasterPid = postmasterPid;
        this.commandCompiler = commandCompiler;
        this.queryCompiler = queryCompiler;
    }

    CpuMeter withServices(long newCommandPid, long newQueryPid) {
        return new CpuMeter(newCommandPid, newQueryPid, postmasterPid,
                newCommandPid == commandPid ? commandCompiler : new CompilerThreads(newCommandPid),
                newQueryPid == queryPid ? queryCompiler : new CompilerThreads(newQueryPid));
    }

    /**
     * A reading now; subtract two with {@link #between}. A backend whose connection just closed counts only
     * once the postmaster has reaped it, so the reading waits a moment for that first.
     */
    Map<String, Double> read() {
        try {
            Thread.sleep(REAP_SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Double> reading = new LinkedHashMap<>();
        reading.put("commandSide", commandPid > 0 ? Processes.cpuSeconds(commandPid, false) : 0.0);
        reading.put("querySide", queryPid > 0 ? Processes.cpuSeconds(queryPid, false) : 0.0);
        double postgres = 0;
        if (postmasterPid > 0) {
            postgres = Processes.cpuSeconds(postmasterPid, true);
            for (long backend : Processes.childrenOf(postmasterPid)) {
                postgres += Processes.cpuSeconds(backend, false);
            }
        }
        reading.put("postgres", postgres);
        reading.put("loadGenerator", Processes.cpuSeconds(ProcessHandle.current().pid(), false));
        reading.put("commandSideJit", commandCompiler.seconds());
        reading.put("querySideJit", queryCompiler.seconds());
        return reading;
    }

    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((who, seconds) -> used.put(who, Math.max(0, seconds - before.getOrDefault(who, 0.0))));
        return used;
    }

    /**
     * CPU seconds of a JVM's compiler threads ("C1 CompilerThre..." and "C2 CompilerThre..." in /proc), summed
     * over every thread seen at a reading. HotSpot stops idle compiler threads, so what a thread used after the
     * last reading before it ended is missed: a lower bound, read often enough to be close.
     */
    static final class CompilerThreads {

        private final long pid;
        private final Map<Long, Double> lastSeen = new HashMap<>();
        private double total;

        CompilerThreads(long pid) {
            this.pid = pid;
        }

        synchronized double seconds() {
            if (pid > 0) {
                Map<Long, Double> now = Processes.threadCpuSeconds(pid,
                        name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
                now.forEach((tid, seconds) -> total += Math.max(0, seconds - lastSeen.getOrDefault(tid, 0.0)));
                lastSeen.clear();
                lastSeen.putAll(now);
            }
            return total;
        }
    }
}
