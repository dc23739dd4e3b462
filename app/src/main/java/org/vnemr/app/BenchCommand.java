package org.vnemr.app;

import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.bench.Benchmark;
import org.vnemr.bench.BenchmarkOptions;
import org.vnemr.fhir.bulk.BulkImporter;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vnemr bench outpatient …} runs {@link org.vnemr.app.bench.OutpatientBenchmark} (simulated clinicians on
 * the screens of a demo facility). {@code vnemr bench terminology …} runs {@link org.vnemr.app.bench.TerminologyBenchmark} instead.
 * {@code vnemr bench [--patients=N] [--bulk-patients=M] [--concurrency=C] [--seed=S] [--property=value …]}:
 * starts the server in this JVM on its own data directory ({@code bench-data/home} unless {@code VNEMR_HOME}
 * or {@code --vnemr.home} says otherwise), loads N synthetic patients over HTTP as transaction Bundles with C
 * clients, bulk-imports M more from NDJSON with COPY, runs the query mix and prints the figures (also written
 * to {@code bench-data/bench-report.json}). ~300 resources per patient: 3,400 patients ≈ 1 million resources.
 * {@code vnemr bench signing [--seconds=N]} measures signatures per second instead (see
 * {@link org.vnemr.app.bench.SigningBenchmark}).
 */
final class BenchCommand {

    private BenchCommand() {
    }

    static int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("signing")) {
            return org.vnemr.app.bench.SigningBenchmark.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && "outpatient".equals(args[0])) {
            return org.vnemr.app.bench.OutpatientBenchmark.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && "bhyt".equals(args[0])) {
            return org.vnemr.bhyt.bench.BhytBenchmark.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && "terminology".equals(args[0])) {
            return org.vnemr.app.bench.TerminologyBenchmark.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        int patients = 100;
        int bulkPatients = 100;
        int concurrency = BenchmarkOptions.DEFAULT_CONCURRENCY;
        long seed = 1;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--patients=")) {
                patients = Integer.parseInt(arg.substring("--patients=".length()));
            } else if (arg.startsWith("--bulk-patients=")) {
                bulkPatients = Integer.parseInt(arg.substring("--bulk-patients=".length()));
            } else if (arg.startsWith("--concurrency=")) {
                concurrency = Integer.parseInt(arg.substring("--concurrency=".length()));
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring("--seed=".length()));
            } else {
                springArgs.add(arg);
            }
        }
        if (System.getenv("VNEMR_HOME") == null && springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.home="))) {
            springArgs.add("--vnemr.home=bench-data/home");
        }
        // the benchmark's own node on its own data directory measures the store, not the token exchange; a real
        // node keeps security on (the default) and --vnemr.security.enabled=true here measures with it
        if (springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.security.enabled="))) {
            springArgs.add("--vnemr.security.enabled=false");
        }
        if (springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.rate-limit.enabled="))) {
            springArgs.add("--vnemr.rate-limit.enabled=false"); // its clients are meant to go as fast as they can
        }
        try (ConfigurableApplicationContext context = VnemrApplication.serve(springArgs.toArray(String[]::new))) {
            String port = context.getEnvironment().getProperty("local.server.port");
            BulkImporter importer = context.getBean(BulkImporter.class);
            javax.sql.DataSource bean = context.getBean(javax.sql.DataSource.class);
            var dataSource = bean instanceof com.zaxxer.hikari.HikariDataSource hikari ? hikari
                    : ((org.vnemr.app.db.DatabaseConfiguration.StartingDataSource) bean).pool();
            BenchmarkOptions options = BenchmarkOptions.defaults(URI.create("http://localhost:" + port + "/fhir"))
                    .withPatients(patients).withConcurrency(concurrency).withSeed(seed)
                    .withBulkImport(dir -> {
                        BulkImporter.Report report = importer.importPath(dir);
                        if (report.rejected() > 0) {
                            throw new IllegalStateException("bulk import rejected " + report.rejected() + " lines: "
                                    + report.problems());
                        }
                    }, bulkPatients)
                    .withServerPid(ProcessHandle.current().pid())
                    .withDatabase(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword())
                    .withQueryIterations(100, 300)
                    .withWorkDir(Path.of("bench-data"));
            Benchmark.run(options);
            return 0;
        }
    }
}
