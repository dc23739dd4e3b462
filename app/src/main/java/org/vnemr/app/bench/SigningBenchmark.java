package org.vnemr.app.bench;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.apache.pdfbox.Loader;
import org.vnemr.signing.Signer;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.pdf.DocumentPdfRenderer;
import org.vnemr.signing.pdf.PadesSigner;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.stream.Stream;

/**
 * {@code vnemr bench signing [--seconds=S]}: signatures per second with a software key (PKCS#12 from a throw-away
 * development CA, RSA 2048, SHA-256) on this machine — PAdES baseline-B on a 2-page discharge paper (render once,
 * sign repeatedly; each signature is a full incremental save plus CMS), plus rendering and verification rates.
 */
public final class SigningBenchmark {

    private static final char[] PIN = "123456".toCharArray();

    private SigningBenchmark() {
    }

    public static int run(String[] args) {
        long seconds = 10;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Long.parseLong(arg.substring("--seconds=".length()));
            }
        }
        Path work;
        try {
            work = Files.createTempDirectory("vnemr-bench-signing-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DevelopmentCa ca = DevelopmentCa.init(work.resolve("ca"), PIN, null, null);
            IssuedCertificate issued = ca.issue(CertificateProfile.person("Bác sĩ Đo Hiệu Năng", "001085099999"),
                    "bench", PIN);
            Signer signer = Pkcs12Signer.open(issued.pkcs12(), PIN);
            DocumentPdfRenderer renderer = new DocumentPdfRenderer();
            PadesSigner pades = new PadesSigner(null, Clock.systemUTC());
            Bundle document = twoPageDocument();
            byte[] pdf = renderer.render(document, "Composition/bench", "1");
            try (var loaded = Loader.loadPDF(pdf)) {
                System.out.printf("Document: %d pages, %d bytes unsigned%n", loaded.getNumberOfPages(), pdf.length);
            }
            Duration budget = Duration.ofSeconds(seconds);
            measure("PDF rendering (2 pages)", budget, () -> renderer.render(document, "Composition/bench", "1"));
            byte[][] signed = new byte[1][];
            measure("PAdES B-B signatures (2-page PDF, PKCS#12 RSA 2048)", budget,
                    () -> signed[0] = pades.sign(pdf, signer, "Bác sĩ điều trị", null));
            Path trust = Files.createDirectories(work.resolve("trust"));
            Files.copy(ca.certificatePem(), trust.resolve("root.pem"));
            PdfSignatureVerifier verifier = new PdfSignatureVerifier(new TrustListCertificateValidator(
                    TrustList.fromDirectory(trust), RevocationMode.OFFLINE));
            if (!PdfSignatureVerifier.allValid(verifier.verify(signed[0]))) {
                System.err.println("The benchmark's own signature did not verify");
                return 1;
            }
            measure("PAdES verifications (offline trust list)", budget, () -> verifier.verify(signed[0]));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(work);
        }
    }

    private static void measure(String what, Duration budget, Runnable operation) {
        for (int i = 0; i < 10; i++) {
            operation.run(); // warm-up: class loading, JIT, font parsing
        }
        Instant end = Instant.now().plus(budget);
        long n = 0;
        long start = System.nanoTime();
        while (Instant.now().isBefore(end)) {
            operation.run();
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-55s %8.1f /s  (%d in %.1f s, %.1f ms each)%n", what, n / elapsed, n, elapsed,
                elapsed * 1000 / n);
    }

    /** Synthetic text (no patient data) long enough for two A4 pages. */
    private static Bundle twoPageDocument() {
        Patient patient = new Patient();
        patient.setId("bench-patient");
        patient.addName().setText("Người bệnh đo hiệu năng");
        Practitioner doctor = new Practitioner();
        doctor.setId("bench-doctor");
        doctor.addName().setText("Bác sĩ Đo Hiệu Năng");
        Composition composition = new Composition();
        composition.setId("bench");
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.getType().addCoding().setSystem("http://loinc.org").setCode("18842-5");
        composition.setSubject(new Reference("Patient/bench-patient"));
        composition.addAuthor(new Reference("Practitioner/bench-doctor"));
        composition.setDate(Date.from(Instant.parse("2026-01-01T00:00:00Z")));
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (int i = 1; i <= 25; i++) {
            div.append("<p>Đoạn ").append(i).append(": nội dung tổng hợp để đo hiệu năng ký số, có đủ dấu tiếng Việt "
                    + "(ă â đ ê ô ơ ư, sắc huyền hỏi ngã nặng) và đủ dài để xuống dòng nhiều lần trên khổ giấy A4.</p>");
        }
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.append("</div>").toString());
        composition.addSection().setTitle("Tóm tắt").setText(narrative);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        bundle.addEntry().setFullUrl("Composition/bench").setResource(composition);
        bundle.addEntry().setFullUrl("Patient/bench-patient").setResource(patient);
        bundle.addEntry().setFullUrl("Practitioner/bench-doctor").setResource(doctor);
        return bundle;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
