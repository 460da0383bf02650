package dk.dialogue.ledger.benchmark;

import org.HdrHistogram.Histogram;

/**
 * What an open-loop run saw: latencies in microseconds from each request's intended send time, how many
 * completed, how many failed, and over how many seconds.
 */
record Outcome(Histogram latencies, long completed, long errors, double seconds) {

    double millis(double percentile) {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    double rate() {
        return completed / seconds;
    }
}
