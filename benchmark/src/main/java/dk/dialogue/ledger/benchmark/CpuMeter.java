package dk.dialogue.ledger.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds used during one step by each party sharing the cores: the two services, PostgreSQL (the
 * postmaster, its live backends and those that exited) and this load generator.
 */
final class CpuMeter {

    private static final long REAP_SETTLE_MILLIS = 500;

    private final long commandPid;
    private final long queryPid;
    private final long postmasterPid;

    CpuMeter(long commandPid, long queryPid, long postmasterPid) {
        this.commandPid = commandPid;
        this.queryPid = queryPid;
        this.postmasterPid = postmasterPid;
    }

    CpuMeter withServices(long newCommandPid, long newQueryPid) {
        return new CpuMeter(newCommandPid, newQueryPid, postmasterPid);
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
        return reading;
    }

    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((who, seconds) -> used.put(who, Math.max(0, seconds - before.getOrDefault(who, 0.0))));
        return used;
    }
}
