package org.vnemr.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run. Throughputs are resources per second of wall-clock time; latencies are
 * milliseconds from sending a request to having read the whole response body.
 *
 * @param baseUrl           server measured
 * @param seed              generator seed
 * @param concurrency       concurrent clients during the HTTP load
 * @param generation        generating and writing the Bundles and NDJSON files (client side only)
 * @param load              loading patients as transaction Bundles over HTTP
 * @param bulkImport        the bulk-import callback, or {@code null} when none was given
 * @param queries           one line per query of the mix
 * @param serverRssKb       resident memory of the server process at the end, or {@code null}
 * @param databaseSizeBytes {@code pg_database_size} at the end, or {@code null}
 */
public record BenchmarkReport(
        String baseUrl,
        long seed,
        int concurrency,
        Throughput generation,
        Throughput load,
        Throughput bulkImport,
        List<QueryResult> queries,
        Long serverRssKb,
        Long databaseSizeBytes) {

    /**
     * @param patients  patients in the phase
     * @param resources resources in the phase
     * @param seconds   wall-clock seconds
     * @param failures  Bundles (or import calls) that failed
     * @param firstError the first failure's message, or {@code null}
     */
    public record Throughput(int patients, long resources, double seconds, int failures, String firstError) {

        @JsonProperty("resourcesPerSecond")
        public double resourcesPerSecond() {
            return seconds > 0 ? resources / seconds : 0;
        }
    }

    /**
     * @param name        short name of the query
     * @param example     one of the URLs run (relative to the base)
     * @param latency     latencies of the timed runs that succeeded
     * @param errors      timed runs answered with a non-2xx status or failing on the wire
     * @param meanEntries mean number of {@code Bundle.entry} in the answers (1 for a read)
     * @param firstError  the first failure's status and body start, or {@code null}
     */
    public record QueryResult(String name, String example, LatencyStats latency, int errors, double meanEntries,
                              String firstError) {
    }

    public BenchmarkReport {
        queries = List.copyOf(queries);
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures as a plain-text table. */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "vnemr bench — %s (seed %d, %d clients)%n", baseUrl, seed, concurrency));
        s.append(String.format(Locale.ROOT, "%-22s %9s %11s %9s %12s %8s%n",
                "phase", "patients", "resources", "seconds", "resources/s", "failed"));
        phase(s, "generate (client)", generation);
        phase(s, "load (transactions)", load);
        phase(s, "bulk import", bulkImport);
        s.append(String.format(Locale.ROOT, "%n%-52s %6s %8s %8s %8s %8s %6s %8s%n",
                "query", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "entries"));
        for (QueryResult q : queries) {
            LatencyStats l = q.latency();
            s.append(String.format(Locale.ROOT, "%-52s %6d %8.2f %8.2f %8.2f %8.2f %6d %8.1f%n",
                    q.name(), l.count(), l.p50(), l.p95(), l.p99(), l.max(), q.errors(), q.meanEntries()));
        }
        s.append('\n');
        s.append("server RSS: ").append(serverRssKb == null ? "not measured"
                : String.format(Locale.ROOT, "%.1f MiB", serverRssKb / 1024.0)).append('\n');
        s.append("database size: ").append(databaseSizeBytes == null ? "not measured"
                : String.format(Locale.ROOT, "%.1f MiB", databaseSizeBytes / (1024.0 * 1024.0))).append('\n');
        for (QueryResult q : queries) {
            if (q.firstError() != null) {
                s.append("first error of ").append(q.name()).append(": ").append(q.firstError()).append('\n');
            }
        }
        for (Throughput t : new Throughput[] {load, bulkImport}) {
            if (t != null && t.firstError() != null) {
                s.append("first load error: ").append(t.firstError()).append('\n');
            }
        }
        return s.toString();
    }

    private static void phase(StringBuilder s, String name, Throughput t) {
        if (t == null) {
            s.append(String.format(Locale.ROOT, "%-22s %9s%n", name, "skipped"));
            return;
        }
        s.append(String.format(Locale.ROOT, "%-22s %9d %11d %9.2f %12.0f %8d%n",
                name, t.patients(), t.resources(), t.seconds(), t.resourcesPerSecond(), t.failures()));
    }
}
