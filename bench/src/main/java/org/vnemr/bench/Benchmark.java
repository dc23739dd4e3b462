package org.vnemr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.vnemr.bench.BenchmarkReport.QueryResult;
import org.vnemr.bench.BenchmarkReport.Throughput;
import org.vnemr.bench.synth.FhirJson;
import org.vnemr.bench.synth.NdjsonWriter;
import org.vnemr.bench.synth.PatientGenerator;
import org.vnemr.bench.synth.SyntheticPatient;
import org.vnemr.bench.synth.TransactionBundles;
import org.vnemr.fhir.text.VietnameseText;

/**
 * Measures a FHIR server with synthetic Vietnamese patients: (1) generate the data, (2) load patients as
 * transaction Bundles over HTTP with several concurrent clients, (3) optionally time a bulk import of the
 * same kind of data as NDJSON, (4) run a fixed mix of reads and searches, warm-up first, and report
 * p50/p95/p99 latency per query, (5) report the server's resident memory and database size when told
 * where to look. It only measures: nothing passes or fails.
 */
public final class Benchmark {

    /** Warm-up patients come from this generator index on, apart from the measured ones. */
    private static final int WARMUP_INDEX = 50_000_000;
    /** Observation ids kept per loaded patient for the read-by-id query. */
    private static final int OBSERVATIONS_KEPT = 5;
    private static final ObjectMapper JSON = FhirJson.mapper();

    private final BenchmarkOptions options;
    private final FhirHttp http;
    private final PatientGenerator generator;

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
        this.http = new FhirHttp(options.baseUrl());
        this.generator = new PatientGenerator(options.seed());
    }

    /** Runs the whole benchmark, prints the table to {@code options.out()}, writes the JSON report, returns it. */
    public static BenchmarkReport run(BenchmarkOptions options) throws IOException, InterruptedException {
        return new Benchmark(options).run();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        run(options);
    }

    static String usage() {
        return """
                usage: Benchmark [--base-url URL] [--patients N] [--concurrency C] [--seed S]
                                 [--warmup-patients N] [--warmup W] [--iterations I] [--work-dir DIR]
                                 [--report FILE] [--server-pid PID] [--jdbc-url URL] [--jdbc-user USER]
                  defaults: --base-url http://localhost:8080/fhir --patients 100 --concurrency 4 --seed 1
                            --warmup-patients 5 --warmup 20 --iterations 200 --work-dir bench-data
                            --report bench-data/bench-report.json
                  the database password is read from the environment variable VNEMR_BENCH_JDBC_PASSWORD""";
    }

    /** Options from command-line arguments; {@code null} when help was asked for. */
    static BenchmarkOptions parseArgs(String[] args) {
        BenchmarkOptions o = BenchmarkOptions.defaults(URI.create("http://localhost:8080/fhir"));
        String jdbcUrl = null;
        String jdbcUser = null;
        int warmup = o.warmupIterations();
        int iterations = o.iterations();
        boolean reportSet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--base-url" -> o = new BenchmarkOptions(URI.create(value), o.patients(), o.concurrency(), o.seed(),
                        o.warmupPatients(), o.bulkImporter(), o.bulkPatients(), o.warmupIterations(), o.iterations(),
                        o.workDir(), o.serverPid(), o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword(), o.reportFile(), o.out());
                case "--patients" -> o = o.withPatients(Integer.parseInt(value));
                case "--concurrency" -> o = o.withConcurrency(Integer.parseInt(value));
                case "--seed" -> o = o.withSeed(Long.parseLong(value));
                case "--warmup-patients" -> o = o.withWarmupPatients(Integer.parseInt(value));
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--work-dir" -> {
                    o = o.withWorkDir(Path.of(value));
                    if (!reportSet) {
                        o = o.withReportFile(Path.of(value, "bench-report.json"));
                    }
                }
                case "--report" -> {
                    o = o.withReportFile(Path.of(value));
                    reportSet = true;
                }
                case "--server-pid" -> o = o.withServerPid(Long.parseLong(value));
                case "--jdbc-url" -> jdbcUrl = value;
                case "--jdbc-user" -> jdbcUser = value;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        o = o.withQueryIterations(warmup, iterations);
        if (jdbcUrl != null) {
            o = o.withDatabase(jdbcUrl, jdbcUser, System.getenv("VNEMR_BENCH_JDBC_PASSWORD"));
        }
        return o;
    }

    private BenchmarkReport run() throws IOException, InterruptedException {
        options.out().println("vnemr bench: " + options);
        Generated generated = generate();
        List<LoadedPatient> pool = new ArrayList<>();
        Throughput load = options.patients() > 0 ? load(generated, pool) : null;
        Throughput bulk = null;
        if (options.bulkImporter() != null && options.bulkPatients() > 0) {
            bulk = bulkImport(generated);
            if (pool.isEmpty()) {
                pool.addAll(generated.bulkPatients());
            }
        }
        List<QueryResult> queries = pool.isEmpty() ? List.of() : queries(pool);
        if (pool.isEmpty()) {
            options.out().println("no patients were loaded: queries skipped");
        }
        BenchmarkReport report = new BenchmarkReport(options.baseUrl().toString(), options.seed(), options.concurrency(),
                generated.throughput(), load, bulk, queries, serverRssKb(), databaseSizeBytes());
        options.out().println();
        options.out().print(report.toTable());
        if (options.reportFile() != null) {
            Path parent = options.reportFile().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.reportFile(), report.toJson(), StandardCharsets.UTF_8);
            options.out().println("report written to " + options.reportFile());
        }
        return report;
    }

    // ---- 1. generate ------------------------------------------------------------------------------

    private record Generated(List<Path> bundles, List<Integer> bundleSizes, List<LoadedPatient> httpPatients,
                             List<byte[]> warmupBundles, Path ndjsonDir, List<LoadedPatient> bulkPatients, long bulkResources,
                             Throughput throughput) {
    }

    private Generated generate() throws IOException {
        long start = System.nanoTime();
        Path bundleDir = Files.createDirectories(options.workDir().resolve("bundles"));
        clean(bundleDir, "patient-*.json");
        int n = options.patients();
        Path[] files = new Path[n];
        Integer[] sizes = new Integer[n];
        LoadedPatient[] facts = new LoadedPatient[n];
        // patients are independent, so the Bundles are built on all cores; the output does not depend on it
        IntStream.range(0, n).parallel().forEach(i -> {
            SyntheticPatient p = generator.generate(i);
            Path file = bundleDir.resolve(String.format("patient-%06d.json", i));
            try {
                Files.write(file, FhirJson.bytes(TransactionBundles.of(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files[i] = file;
            sizes[i] = p.resources().size();
            facts[i] = facts(p, null, List.of());
        });
        List<Path> bundles = List.of(files);
        List<Integer> bundleSizes = List.of(sizes);
        List<LoadedPatient> httpPatients = List.of(facts);
        long resources = bundleSizes.stream().mapToLong(Integer::longValue).sum();
        List<byte[]> warmup = new ArrayList<>();
        for (int i = 0; i < (options.patients() > 0 ? options.warmupPatients() : 0); i++) {
            warmup.add(FhirJson.bytes(TransactionBundles.of(generator.generate(WARMUP_INDEX + i))));
        }
        Path ndjsonDir = options.workDir().resolve("ndjson");
        List<LoadedPatient> bulkPatients = new ArrayList<>();
        long bulkResources = 0;
        int bulkCount = options.bulkImporter() == null ? 0 : options.bulkPatients();
        if (bulkCount > 0) {
            Files.createDirectories(ndjsonDir);
            clean(ndjsonDir, "*.ndjson");
            try (NdjsonWriter writer = new NdjsonWriter(ndjsonDir)) {
                for (int i = 0; i < bulkCount; i++) {
                    SyntheticPatient p = generator.generate(options.patients() + i);
                    writer.write(p);
                    List<String> observations = p.ofType("Observation").stream()
                            .map(o -> o.get("id").asText()).toList();
                    bulkPatients.add(facts(p, p.id(), sample(observations)));
                }
                bulkResources = writer.total();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Throughput t = new Throughput(options.patients() + bulkCount, resources + bulkResources, seconds, 0, null);
        options.out().printf(Locale.ROOT, "generated %d patients, %d resources in %.1f s (%.0f resources/s)%n",
                t.patients(), t.resources(), seconds, t.resourcesPerSecond());
        return new Generated(bundles, bundleSizes, httpPatients, warmup, ndjsonDir, bulkPatients, bulkResources, t);
    }

    private static LoadedPatient facts(SyntheticPatient p, String id, List<String> observationIds) {
        return new LoadedPatient(id, observationIds, p.cccd(), VietnameseText.fold(p.nameText()),
                VietnameseText.fold(p.family()), p.birthDate(), p.gender());
    }

    private static List<String> sample(List<String> ids) {
        if (ids.size() <= OBSERVATIONS_KEPT) {
            return List.copyOf(ids);
        }
        List<String> kept = new ArrayList<>();
        for (int k = 0; k < OBSERVATIONS_KEPT; k++) {
            kept.add(ids.get(k * ids.size() / OBSERVATIONS_KEPT));
        }
        return kept;
    }

    private static void clean(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, glob)) {
            for (Path p : stale) {
                Files.delete(p);
            }
        }
    }

    // ---- 2. load over HTTP ------------------------------------------------------------------------

    private Throughput load(Generated generated, List<LoadedPatient> pool) throws InterruptedException {
        for (byte[] bundle : generated.warmupBundles()) {
            try {
                http.postBundle(bundle);
            } catch (IOException e) {
                options.out().println("warm-up bundle failed: " + e);
            }
        }
        int n = generated.bundles().size();
        LoadedPatient[] loaded = new LoadedPatient[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong resources = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < options.concurrency(); c++) {
                workers.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        try {
                            byte[] bundle = Files.readAllBytes(generated.bundles().get(i));
                            FhirHttp.Response response = http.postBundle(bundle);
                            if (!response.ok()) {
                                failures.incrementAndGet();
                                firstError.compareAndSet(null, response.bodyStart());
                                continue;
                            }
                            loaded[i] = fromResponse(generated.httpPatients().get(i), response.body());
                            resources.addAndGet(generated.bundleSizes().get(i));
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        int d = done.incrementAndGet();
                        if (d % 100 == 0) {
                            double s = (System.nanoTime() - start) / 1e9;
                            options.out().printf(Locale.ROOT, "  loaded %d/%d patients, %.0f resources/s%n",
                                    d, n, resources.get() / s);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(e.getCause()));
                }
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (LoadedPatient p : loaded) {
            if (p != null && p.id() != null) {
                pool.add(p);
            }
        }
        Throughput t = new Throughput(n - failures.get(), resources.get(), seconds, failures.get(), firstError.get());
        options.out().printf(Locale.ROOT, "loaded %d patients, %d resources in %.1f s: %.0f resources/s (%d failed)%n",
                t.patients(), t.resources(), seconds, t.resourcesPerSecond(), t.failures());
        return t;
    }

    /** The generated facts with the server-assigned Patient id and a sample of Observation ids. */
    static LoadedPatient fromResponse(LoadedPatient generated, byte[] transactionResponse) throws IOException {
        JsonNode entries = JSON.readTree(transactionResponse).path("entry");
        String patientId = null;
        List<String> observations = new ArrayList<>();
        for (JsonNode entry : entries) {
            String[] typeAndId = typeAndId(entry.path("response").path("location").asText(""));
            if (typeAndId == null) {
                continue;
            }
            if (patientId == null && typeAndId[0].equals("Patient")) {
                patientId = typeAndId[1];
            } else if (typeAndId[0].equals("Observation")) {
                observations.add(typeAndId[1]);
            }
        }
        return new LoadedPatient(patientId, sample(observations), generated.cccd(), generated.foldedName(),
                generated.foldedFamily(), generated.birthDate(), generated.gender());
    }

    /** {@code [type, id]} of a location such as {@code Patient/123/_history/1} or an absolute URL; else null. */
    static String[] typeAndId(String location) {
        String path = location;
        int history = path.indexOf("/_history");
        if (history >= 0) {
            path = path.substring(0, history);
        }
        String[] parts = path.split("/");
        if (parts.length < 2 || parts[parts.length - 1].isEmpty() || parts[parts.length - 2].isEmpty()) {
            return null;
        }
        return new String[] {parts[parts.length - 2], parts[parts.length - 1]};
    }

    // ---- 3. bulk import ---------------------------------------------------------------------------

    private Throughput bulkImport(Generated generated) {
        long start = System.nanoTime();
        String error = null;
        try {
            options.bulkImporter().importDirectory(generated.ndjsonDir());
        } catch (Exception e) {
            error = e.toString();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Throughput t = new Throughput(generated.bulkPatients().size(), generated.bulkResources(), seconds,
                error == null ? 0 : 1, error);
        options.out().printf(Locale.ROOT, "bulk import of %d resources in %.1f s: %.0f resources/s%s%n",
                t.resources(), seconds, t.resourcesPerSecond(), error == null ? "" : " (failed: " + error + ")");
        return t;
    }

    // ---- 4. queries -------------------------------------------------------------------------------

    private List<QueryResult> queries(List<LoadedPatient> pool) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(options.seed());
        List<QueryResult> results = new ArrayList<>();
        for (QueryMix.Query query : QueryMix.queries(PatientGenerator.DEFAULT_AS_OF)) {
            for (int i = 0; i < options.warmupIterations(); i++) {
                runOnce(query, random, pool);
            }
            long[] nanos = new long[options.iterations()];
            int timed = 0;
            int errors = 0;
            long entries = 0;
            String firstError = null;
            String example = null;
            for (int i = 0; i < options.iterations(); i++) {
                Outcome outcome = runOnce(query, random, pool);
                example = example == null ? outcome.url() : example;
                if (outcome.error() == null) {
                    nanos[timed++] = outcome.nanos();
                    entries += outcome.entries();
                } else {
                    errors++;
                    firstError = firstError == null ? outcome.error() : firstError;
                }
            }
            LatencyStats stats = LatencyStats.ofNanos(Arrays.copyOf(nanos, timed));
            QueryResult result = new QueryResult(query.name(), example, stats, errors,
                    timed == 0 ? 0 : (double) entries / timed, firstError);
            options.out().printf(Locale.ROOT, "  %-52s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  errors %d%n",
                    query.name(), stats.p50(), stats.p95(), stats.p99(), errors);
            results.add(result);
        }
        return results;
    }

    private record Outcome(String url, long nanos, int entries, String error) {
    }

    private Outcome runOnce(QueryMix.Query query, SplittableRandom random, List<LoadedPatient> pool)
            throws InterruptedException {
        String url = query.url().apply(random, pool);
        try {
            if (query.nextPage()) {
                FhirHttp.Response first = http.get(url);
                if (!first.ok()) {
                    return new Outcome(url, 0, 0, "first page: " + first.bodyStart());
                }
                String nextUrl = nextLink(JSON.readTree(first.body()));
                if (nextUrl == null) {
                    return new Outcome(url, 0, 0, "first page has no next link");
                }
                url = nextUrl;
            }
            FhirHttp.Response response = http.get(url);
            if (!response.ok()) {
                return new Outcome(url, response.nanos(), 0, response.bodyStart());
            }
            JsonNode body = JSON.readTree(response.body());
            int entries = "Bundle".equals(body.path("resourceType").asText()) ? body.path("entry").size() : 1;
            return new Outcome(url, response.nanos(), entries, null);
        } catch (IOException e) {
            return new Outcome(url, 0, 0, e.toString());
        }
    }

    static String nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return link.path("url").asText(null);
            }
        }
        return null;
    }

    // ---- 5. server figures ------------------------------------------------------------------------

    private Long serverRssKb() {
        if (options.serverPid() == null) {
            return null;
        }
        try {
            return readVmRssKb(Path.of("/proc", options.serverPid().toString(), "status"));
        } catch (IOException e) {
            options.out().println("could not read the server's memory: " + e.getMessage());
            return null;
        }
    }

    /** The {@code VmRSS} line of a {@code /proc/PID/status} file, in kB; null when absent. */
    static Long readVmRssKb(Path procStatus) throws IOException {
        for (String line : Files.readAllLines(procStatus, StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        return null;
    }

    private Long databaseSizeBytes() {
        if (options.jdbcUrl() == null) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            return rs.next() ? rs.getLong(1) : null;
        } catch (SQLException e) {
            options.out().println("could not read the database size: " + e.getMessage());
            return null;
        }
    }
}
