package org.vnemr.platform.audit.web;

import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.audit.AuditSearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What auditing costs a read: the same JSON reads (the engine's fast path) and searches with the FHIR audit off,
 * on (events queued, group-committed by the writer) and on with each request waiting for its event's commit.
 * Prints the figures (and writes them to {@code target/audit-overhead.txt}); asserts only that every read was
 * audited — timing is never a pass/fail criterion on a shared machine.
 */
class FhirAuditOverheadIT {

    private static final int WARM_UP = 500;
    private static final int READS = 3_000;
    private static final int THREADS = 8;

    @Test
    void measure_readLatencyAndThroughput_withAndWithoutAudit() throws Exception {
        List<String> lines = new ArrayList<>();
        run("JIT warm-up (not counted)", "--vnemr.audit.fhir.enabled=true"); // the first server in a JVM runs cold
        lines.add(run("audit off", "--vnemr.audit.fhir.enabled=false"));
        lines.add(run("audit on (queued)", "--vnemr.audit.fhir.enabled=true"));
        lines.add(run("audit on, wait for commit", "--vnemr.audit.wait-for-durability=true"));
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "audit-overhead.txt"), lines);
    }

    private static void awaitCount(AuditSearch audit, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (audit.count() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String run(String label, String property) throws Exception {
        try (FhirTestServer server = FhirTestServer.startWith(List.of(PlatformConfiguration.class), property,
                "--vnemr.home=target/test-home")) {
            AuditSearch audit = server.bean(AuditSearch.class);
            String id = server.post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Phạm\"}]}")
                    .header("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1");
            for (int i = 0; i < WARM_UP; i++) {
                server.get("Patient/" + id);
                server.get("Patient?_id=" + id);
            }
            boolean audited = !property.endsWith("enabled=false");
            awaitCount(audit, audited ? 1 + 2L * WARM_UP : 0);
            // other events of the start (the first administrator's creation) may still arrive: wait until the
            // trail stops growing before counting from here
            long before = -1;
            for (long now = audit.count(); now != before; now = audit.count()) {
                before = now;
                Thread.sleep(200);
            }
            long[] nanos = new long[READS];
            for (int i = 0; i < READS; i++) {
                long t = System.nanoTime();
                assertThat(server.get("Patient/" + id).status()).isEqualTo(200);
                nanos[i] = System.nanoTime() - t;
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < READS; i++) {
                done.add(pool.submit(() -> server.get("Patient/" + id)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            if (audited) {
                awaitCount(audit, before + 2L * READS);
                assertThat(audit.count() - before).as("one event per read").isEqualTo(2L * READS);
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            return String.format("%-28s sequential read: mean %.3f ms, p50 %.3f ms, p95 %.3f ms; "
                            + "%d threads: %.0f reads/s", label, mean, nanos[READS / 2] / 1e6,
                    nanos[READS * 95 / 100] / 1e6, THREADS, READS / seconds);
        }
    }
}
