package org.vnemr.bench;

import java.util.Arrays;

/**
 * Summary of measured latencies in milliseconds. Percentiles use the nearest-rank method: the p-th
 * percentile of n sorted samples is the sample at rank ⌈p/100 · n⌉, so it is always a measured value.
 */
public record LatencyStats(int count, double min, double mean, double p50, double p95, double p99, double max) {

    public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    public static LatencyStats ofNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1_000_000.0;
        }
        return ofMillis(ms);
    }

    public static LatencyStats ofMillis(double[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new LatencyStats(sorted.length, sorted[0], sum / sorted.length, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of already sorted, non-empty {@code sorted}; {@code p} in (0, 100]. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
