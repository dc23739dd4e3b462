package org.vnemr.bench.ui;

import org.vnemr.bench.LatencyStats;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Figures of one load run, measured after the warm-up: per step and overall latency (nearest-rank percentiles),
 * pages per second, errors and missing routes.
 */
public record UiLoadReport(int clinicians, double seconds, List<StepReport> steps, LatencyStats overall,
                           long pages, long errors, long routeMissing) {

    /** One step's figures; {@code firstError} is a sample of what went wrong (status and start of the page). */
    public record StepReport(String name, LatencyStats latency, long errors, long routeMissing, String firstError) {
    }

    public double pagesPerSecond() {
        return seconds <= 0 ? 0 : pages / seconds;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%d clinicians, %.0f s measured: %d pages, %.1f pages/s, %d errors, %d route missing%n",
                clinicians, seconds, pages, pagesPerSecond(), errors, routeMissing);
        out.printf(Locale.ROOT, "%-28s %7s %8s %8s %8s %8s %7s %7s%n", "step", "count", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "errors", "missing");
        for (StepReport s : steps) {
            LatencyStats l = s.latency();
            out.printf(Locale.ROOT, "%-28s %7d %8.1f %8.1f %8.1f %8.1f %7d %7d%n", s.name(), l.count(), l.p50(),
                    l.p95(), l.p99(), l.max(), s.errors(), s.routeMissing());
            if (s.firstError() != null) {
                out.println("    first error: " + s.firstError());
            }
        }
        out.printf(Locale.ROOT, "%-28s %7d %8.1f %8.1f %8.1f %8.1f %7d %7d%n", "overall", overall.count(),
                overall.p50(), overall.p95(), overall.p99(), overall.max(), errors, routeMissing);
    }
}
