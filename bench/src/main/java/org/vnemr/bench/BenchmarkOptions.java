package org.vnemr.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to measure and where. Start from {@link #defaults(URI)} and change fields with the {@code with…}
 * methods.
 *
 * @param baseUrl           FHIR base of the server under test, e.g. {@code http://localhost:8080/fhir}
 * @param patients          patients loaded as transaction Bundles over HTTP (0 skips the HTTP load)
 * @param concurrency       concurrent HTTP clients during the load
 * @param seed              generator seed; the same seed loads the same data
 * @param warmupPatients    extra patients posted before the timed load, not counted
 * @param bulkImporter      times this import of NDJSON files when not {@code null}
 * @param bulkPatients      patients written as NDJSON for the bulk import (ids distinct from the HTTP load)
 * @param warmupIterations  untimed runs of each query before the timed ones
 * @param iterations        timed runs of each query
 * @param workDir           where generated Bundles and NDJSON files are written
 * @param serverPid         process id of the server, to report its resident memory; {@code null} to skip
 * @param jdbcUrl           JDBC URL of the server's database, to report its size; {@code null} to skip
 * @param jdbcUser          database user for {@code jdbcUrl}
 * @param jdbcPassword      database password for {@code jdbcUrl}
 * @param reportFile        where the JSON report is written; {@code null} to skip
 * @param out               where progress and the table are printed
 */
public record BenchmarkOptions(
        URI baseUrl,
        int patients,
        int concurrency,
        long seed,
        int warmupPatients,
        BulkImporter bulkImporter,
        int bulkPatients,
        int warmupIterations,
        int iterations,
        Path workDir,
        Long serverPid,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path reportFile,
        PrintStream out) {

    public static final int DEFAULT_CONCURRENCY = 4;

    public BenchmarkOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(out, "out");
        if (patients < 0 || bulkPatients < 0 || warmupPatients < 0 || warmupIterations < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (concurrency < 1 || iterations < 1) {
            throw new IllegalArgumentException("concurrency and iterations must be at least 1");
        }
    }

    /** 100 patients, 4 clients, seed 1, 20 warm-up and 200 timed runs per query, files under {@code bench-data/}. */
    public static BenchmarkOptions defaults(URI baseUrl) {
        return new BenchmarkOptions(baseUrl, 100, DEFAULT_CONCURRENCY, 1L, 5, null, 100, 20, 200,
                Path.of("bench-data"), null, null, null, null, Path.of("bench-data", "bench-report.json"), System.out);
    }

    public BenchmarkOptions withPatients(int n) {
        return new BenchmarkOptions(baseUrl, n, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withConcurrency(int c) {
        return new BenchmarkOptions(baseUrl, patients, c, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withSeed(long s) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, s, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withWarmupPatients(int n) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, n, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withBulkImport(BulkImporter importer, int n) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, importer, n,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withQueryIterations(int warmup, int timed) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmup, timed, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withWorkDir(Path dir) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, dir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withServerPid(Long pid) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, pid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, out);
    }

    public BenchmarkOptions withDatabase(String url, String user, String password) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, url, user, password, reportFile, out);
    }

    public BenchmarkOptions withReportFile(Path file) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, file, out);
    }

    public BenchmarkOptions withOut(PrintStream stream) {
        return new BenchmarkOptions(baseUrl, patients, concurrency, seed, warmupPatients, bulkImporter, bulkPatients,
                warmupIterations, iterations, workDir, serverPid, jdbcUrl, jdbcUser, jdbcPassword, reportFile, stream);
    }

    @Override
    public String toString() {
        // never print the database password
        return "BenchmarkOptions[baseUrl=" + baseUrl + ", patients=" + patients + ", concurrency=" + concurrency
                + ", seed=" + seed + ", bulkPatients=" + (bulkImporter == null ? 0 : bulkPatients)
                + ", iterations=" + warmupIterations + "+" + iterations + ", workDir=" + workDir + "]";
    }
}
