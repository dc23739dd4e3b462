package org.vnemr.bhyt.bench;

import org.vnemr.bhyt.mapping.CatalogueInfo;
import org.vnemr.bhyt.mapping.ContractUrls;
import org.vnemr.bhyt.mapping.DossierMapper;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.validation.DossierValidator;
import org.vnemr.bhyt.validation.Finding;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.signing.Signer;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.keys.Pkcs12Signer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vnemr bench bhyt [--dossiers=N] [--threads=T]}: dossiers per second for build (FHIR → tables) + validate +
 * sign (GIAMDINHHS, RSA-SHA256) over N synthetic inpatient stays (about 20 resources, 9 tables each), with a key
 * of a throw-away development CA. The FHIR records are made before the clock starts: this measures the export,
 * not the database.
 */
public final class BhytBenchmark {

    private BhytBenchmark() {
    }

    /**
     * @param cpuSeconds CPU time the process used meanwhile: on a shared machine the wall clock says more about the
     *                   neighbours than about the export, so {@code dossiers / cpuSeconds} is printed too
     */
    public record Result(int dossiers, int threads, double seconds, double perSecond, int findings, double cpuSeconds) {
        public double perCpuSecond() {
            return dossiers / cpuSeconds;
        }
    }

    private static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        int dossiers = 2000;
        // one thread: with two, the shared signing path contends and the total drops (docs/benchmarks.md)
        int threads = 1;
        for (String arg : args) {
            if (arg.startsWith("--dossiers=")) {
                dossiers = Integer.parseInt(arg.substring("--dossiers=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            }
        }
        Path directory = Files.createTempDirectory("vnemr-bench-bhyt-");
        char[] pin = "bench".toCharArray();
        DevelopmentCa ca = DevelopmentCa.init(directory.resolve("ca"), pin, null, null);
        var issued = ca.issue(CertificateProfile.service("Benchmark facility", CertificateProfile.Purpose.DOCUMENT_SIGNING),
                "facility", pin);
        Signer signer = Pkcs12Signer.open(issued.pkcs12(), pin);
        Result warmUp = measure(Math.min(1000, dossiers), threads, signer); // until the JIT has compiled the hot paths
        Result result = measure(dossiers, threads, signer);
        System.out.printf("bhyt: khởi động / warm-up %d hồ sơ: %.0f hồ sơ/s%n", warmUp.dossiers(), warmUp.perSecond());
        System.out.printf("bhyt: build + validate + sign: %d hồ sơ / dossiers, %d luồng / threads, %.2f s, "
                        + "%.0f hồ sơ/s (dossiers/s), %d findings%n", result.dossiers(), result.threads(),
                result.seconds(), result.perSecond(), result.findings());
        System.out.printf("bhyt: %.1f s CPU → %.0f hồ sơ / giây CPU (dossiers per CPU-second); load average %.1f%n",
                result.cpuSeconds(), result.perCpuSecond(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    public static Result measure(int dossiers, int threads, Signer signer) throws Exception {
        DossierMapper mapper = new DossierMapper("001234/HCM-GPHN", CatalogueInfo.of(Map.of(
                ContractUrls.CS_DRUG + "|40.153", new CatalogueInfo.Entry("500mg", "VD-12345-10", "G1;N1;2026;01", "Viên"),
                ContractUrls.CS_SUPPLY + "|N03.05.010", new CatalogueInfo.Entry("", "", "G1;N2;2026;02", ""))));
        DossierValidator validator = new DossierValidator(null);
        List<VisitRecord> visits = new ArrayList<>(dossiers);
        for (int i = 1; i <= dossiers; i++) {
            visits.add(SampleVisit.inpatientWithReferral(i));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger findings = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < visits.size(); i = next.getAndIncrement()) {
                    Dossier dossier = mapper.map(visits.get(i));
                    List<Finding> found = validator.validate(dossier);
                    findings.addAndGet(found.size());
                    byte[] signed = EnvelopeXml.signedEnvelope("79001", LocalDate.now(), dossier, signer);
                    if (signed.length == 0) {
                        throw new IllegalStateException("empty file");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuStart;
        pool.shutdown();
        return new Result(dossiers, threads, seconds, dossiers / seconds, findings.get(), cpu);
    }
}
