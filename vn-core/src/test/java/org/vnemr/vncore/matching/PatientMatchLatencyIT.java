package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.bulk.BulkImporter;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency of one match call over a register of generated patients, bulk-imported with COPY. Prints the
 * figures; the only assertions are about correctness (planted re-registrations are found), never about time.
 * {@code -Dvnemr.match.patients=200000} for the full-size measurement (the default keeps the suite quick).
 */
class PatientMatchLatencyIT {

    private static final int PATIENTS = Integer.getInteger("vnemr.match.patients", 3000);
    private static final int CALLS = Integer.getInteger("vnemr.match.calls", 1000);

    @Test
    void matchCalls_overAGeneratedRegister_printLatency() throws IOException {
        try (FhirTestServer server = FhirTestServer.startWith(List.of(PatientMatchingConfiguration.class))) {
            SyntheticPatients generator = new SyntheticPatients(2026);
            List<SyntheticPatients.Person> people = new ArrayList<>(PATIENTS);
            Path dir = Files.createTempDirectory("match-latency");
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("Patient.ndjson"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < PATIENTS; i++) {
                    SyntheticPatients.Person person = generator.next("b");
                    people.add(person);
                    out.write(person.patient().text());
                    out.newLine();
                }
            }
            System.out.printf("match latency: %,d patients generated, importing%n", PATIENTS);
            long t0 = System.nanoTime();
            BulkImporter.Report report = server.bean(BulkImporter.class).importPath(dir);
            long t1 = System.nanoTime();
            System.out.printf("match latency: imported in %.1f s, computing match keys%n", (t1 - t0) / 1e9);
            int indexed = server.bean(PatientMatchIndex.class).refresh();
            long t2 = System.nanoTime();
            System.out.printf("match latency: keys computed in %.1f s, timing calls%n", (t2 - t1) / 1e9);
            assertThat(report.imported()).isEqualTo(PATIENTS);

            PatientMatcher matcher = server.bean(PatientMatcher.class);
            Random random = new Random(5);
            SyntheticPatients strangers = new SyntheticPatients(99);
            long[] nanos = new long[CALLS];
            long[] cpu = new long[CALLS];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            int repeats = 0;
            int repeatsFound = 0;
            long returned = 0;
            for (int i = -100; i < CALLS; i++) { // 100 warm-up calls
                ObjectNode candidate;
                String expected = null;
                if (random.nextInt(10) < 4) {
                    SyntheticPatients.Person original = people.get(random.nextInt(people.size()));
                    candidate = variant(original, random);
                    expected = original.id();
                } else {
                    candidate = strangers.next(null).patient().json();
                }
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<PatientMatch> matches = matcher.match(candidate, false, 10);
                long took = System.nanoTime() - start;
                if (i >= 0) {
                    nanos[i] = took;
                    cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                    returned += matches.size();
                    if (expected != null) {
                        repeats++;
                        String id = expected;
                        if (matches.stream().anyMatch(m -> m.patientId().equals(id))) {
                            repeatsFound++;
                        }
                    }
                }
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "%nPatient matching over %,d patients (bulk import %.1f s, match keys of %,d "
                            + "patients %.1f s)%n%,d calls: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "%.1f matches per call; planted re-registrations found %d/%d%n%n",
                    PATIENTS, (t1 - t0) / 1e9, indexed, (t2 - t1) / 1e9, CALLS, ms(nanos, 0.50), ms(nanos, 0.95),
                    ms(nanos, 0.99), nanos[CALLS - 1] / 1e6, returned / (double) CALLS, repeatsFound, repeats);
            // the machine is shared: say how busy it was, and how much of a call is this JVM's own work
            System.out.printf(Locale.ROOT, "Java CPU time per call: p50 %.1f ms, p95 %.1f ms; load average %s%n%n",
                    ms(cpu, 0.50), ms(cpu, 0.95), loadAverage());
            assertThat(repeatsFound).isGreaterThanOrEqualTo((int) (repeats * 0.9));
        }
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "unknown";
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** The same person registered again the way clerks do it: identifier or not, name and date as typed. */
    private static ObjectNode variant(SyntheticPatients.Person p, Random random) {
        String name = p.name();
        String born = p.birthDate();
        switch (random.nextInt(5)) {
            case 0 -> name = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .replace('Đ', 'D').replace('đ', 'd');
            case 1 -> {
                LocalDate d = LocalDate.parse(born);
                if (d.getDayOfMonth() <= 12) {
                    born = LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue()).toString();
                }
            }
            case 2 -> born = born.substring(0, 4);
            case 3 -> {
                String[] w = name.split(" ");
                name = w[0] + " " + w[w.length - 1];
            }
            default -> name = Normalizer.normalize(name, Normalizer.Form.NFC);
        }
        TestPatients candidate = TestPatients.patient().name(name).born(born).sex(p.sex()).ward(p.ward(), p.province());
        if (random.nextBoolean() && p.cccd() != null) {
            candidate.cccd(p.cccd());
        }
        return candidate.json();
    }
}
