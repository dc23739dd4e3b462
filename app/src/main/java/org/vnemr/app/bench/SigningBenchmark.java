package org.vnemr.app.bench;

import org.apache.pdfbox.Loader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
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
import org.vnemr.signing.xml.XmlSignatureOptions;
import org.vnemr.signing.xml.XmlSignatureVerifier;
import org.vnemr.signing.xml.XmlSigner;
import org.vnemr.signing.xml.XmlVerification;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code vnemr bench signing [--seconds=10]}: signatures per second with a software key (PKCS#12, RSA 2048,
 * SHA256withRSA) from a throw-away development CA. Each figure is measured for the given time after a warm-up,
 * with one thread and with two (the CPU count of the reference machine).
 * <ul>
 *   <li>XML-DSig: enveloped signature of a ~20 KB insurance envelope (parse + sign + serialize), and verification
 *       (signature, digests, certificate check in offline mode)</li>
 *   <li>PAdES baseline-B on a rendered 2-page record (see {@link #padesFigures}), and its verification</li>
 * </ul>
 */
public final class SigningBenchmark {

    /** One measured figure. */
    public record Figure(String name, int threads, long operations, double seconds) {
        double perSecond() {
            return operations / seconds;
        }
    }

    private SigningBenchmark() {
    }

    public static int run(String[] args) throws Exception {
        int seconds = 10;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            } else {
                System.err.println("Tham số không hợp lệ / unknown option: " + arg);
                System.err.println("Dùng / usage: vnemr bench signing [--seconds=10]");
                return 2;
            }
        }
        Path directory = Files.createTempDirectory("vnemr-bench-signing-");
        try {
            char[] pin = "bench".toCharArray();
            DevelopmentCa ca = DevelopmentCa.init(directory.resolve("ca"), pin, null, null);
            IssuedCertificate user = ca.issue(CertificateProfile.person("Nguyễn Văn Đo", "001085000777"), "bench", pin);
            Signer signer = Pkcs12Signer.open(user.pkcs12(), pin);
            Path trust = Files.createDirectories(directory.resolve("trust"));
            Files.copy(ca.certificatePem(), trust.resolve("root.pem"));
            var validator = new TrustListCertificateValidator(TrustList.fromDirectory(trust), RevocationMode.OFFLINE,
                    List.of(ca.crlDer()), Duration.ofSeconds(5));

            byte[] xml = insuranceEnvelope(20 * 1024);
            XmlSigner xmlSigner = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature());
            XmlSignatureVerifier verifier = new XmlSignatureVerifier(validator);
            byte[] signedXml = xmlSigner.signEnveloped(xml, signer);
            XmlVerification check = verifier.verify(signedXml);
            if (!check.valid()) {
                throw new IllegalStateException("benchmark XML does not verify: " + check.problemEn());
            }

            System.out.printf(Locale.ROOT, "vnemr bench signing — software key RSA 2048 (PKCS#12), %d s per figure,"
                    + " %d CPUs%n", seconds, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "XML input: %,d bytes (GIAMDINHHS-like envelope)%n", xml.length);
            List<Figure> figures = new ArrayList<>();
            figures.add(measure("XML-DSig sign", 1, seconds, () -> () -> xmlSigner.signEnveloped(xml, signer)));
            figures.add(measure("XML-DSig sign", 2, seconds, () -> () -> xmlSigner.signEnveloped(xml, signer)));
            figures.add(measure("XML-DSig verify", 1, seconds, () -> () -> requireValid(verifier.verify(signedXml))));
            figures.add(measure("XML-DSig verify", 2, seconds, () -> () -> requireValid(verifier.verify(signedXml))));
            figures.addAll(padesFigures(signer, validator, seconds));
            for (Figure figure : figures) {
                System.out.printf(Locale.ROOT, "%-22s %d thread%s  %8.1f /s  (%d in %.1f s)%n", figure.name(),
                        figure.threads(), figure.threads() == 1 ? " " : "s", figure.perSecond(), figure.operations(),
                        figure.seconds());
            }
            return 0;
        } finally {
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * PAdES figures (the documents part, {@code org.vnemr.signing.pdf}): rendering a 2-page record, PAdES
     * baseline-B signing of it (a full incremental save plus CMS each time) and verification. Each thread has its
     * own renderer and signer objects.
     */
    static List<Figure> padesFigures(Signer signer, TrustListCertificateValidator validator, int seconds)
            throws Exception {
        Bundle document = twoPageDocument();
        byte[] pdf = new DocumentPdfRenderer().render(document, "Composition/bench", "1");
        try (var loaded = Loader.loadPDF(pdf)) {
            System.out.printf(Locale.ROOT, "PDF input: %d pages, %,d bytes unsigned%n", loaded.getNumberOfPages(),
                    pdf.length);
        }
        byte[] signedPdf = new PadesSigner(null, Clock.systemUTC()).sign(pdf, signer, "Bác sĩ điều trị", null);
        if (!PdfSignatureVerifier.allValid(new PdfSignatureVerifier(validator).verify(signedPdf))) {
            throw new IllegalStateException("benchmark PDF does not verify");
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(measure("PDF render (2 pages)", 1, seconds, () -> {
            DocumentPdfRenderer renderer = new DocumentPdfRenderer();
            return () -> renderer.render(document, "Composition/bench", "1");
        }));
        for (int threads = 1; threads <= 2; threads++) {
            figures.add(measure("PAdES B-B sign", threads, seconds, () -> {
                PadesSigner pades = new PadesSigner(null, Clock.systemUTC());
                return () -> pades.sign(pdf, signer, "Bác sĩ điều trị", null);
            }));
        }
        for (int threads = 1; threads <= 2; threads++) {
            figures.add(measure("PAdES verify", threads, seconds, () -> {
                PdfSignatureVerifier verifier = new PdfSignatureVerifier(validator);
                return () -> verifier.verify(signedPdf);
            }));
        }
        return figures;
    }

    private static Object requireValid(XmlVerification verification) {
        if (!verification.valid()) {
            throw new IllegalStateException(verification.problemEn());
        }
        return verification;
    }

    /**
     * Runs {@code threads} loops of the operation for a warm-up second, then counts completed operations for
     * {@code seconds}. The supplier gives each thread its own operation.
     */
    static Figure measure(String name, int threads, int seconds, Supplier<Callable<?>> operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runFor(pool, threads, 1, operation);
            long start = System.nanoTime();
            long count = runFor(pool, threads, seconds, operation);
            return new Figure(name, threads, count, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long runFor(ExecutorService pool, int threads, int seconds, Supplier<Callable<?>> operation)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<?> work = operation.get();
            workers.add(pool.submit(() -> {
                long done = 0;
                while (System.nanoTime() < deadline) {
                    work.call();
                    done++;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> worker : workers) {
            total += worker.get();
        }
        return total;
    }

    /** A synthetic claim envelope of about {@code targetBytes}: XML1 summary + as many XML2 drug rows as fit. */
    static byte[] insuranceEnvelope(int targetBytes) {
        String xml1 = "<?xml version=\"1.0\" encoding=\"utf-8\"?><TONG_HOP><MA_LK>BV79001-2026-000123</MA_LK>"
                + "<HO_TEN>Nguyễn Thị Hoa</HO_TEN><NGAY_SINH>198503150000</NGAY_SINH><GIOI_TINH>2</GIOI_TINH>"
                + "<MA_BENH_CHINH>J18.9</MA_BENH_CHINH><NGAY_VAO>202611200830</NGAY_VAO>"
                + "<NGAY_RA>202611251000</NGAY_RA><T_TONGCHI>1520000.00</T_TONGCHI></TONG_HOP>";
        StringBuilder rows = new StringBuilder();
        String envelope;
        int row = 0;
        do {
            row++;
            rows.append("<CHI_TIET_THUOC><MA_LK>BV79001-2026-000123</MA_LK><STT>").append(row)
                    .append("</STT><MA_THUOC>40.").append(100 + row).append("</MA_THUOC><TEN_THUOC>Amoxicilin 500mg"
                            + " (viên nang cứng)</TEN_THUOC><DON_VI_TINH>Viên</DON_VI_TINH><SO_LUONG>4.000</SO_LUONG>"
                            + "<DON_GIA>1250.000</DON_GIA><THANH_TIEN>5000.00</THANH_TIEN></CHI_TIET_THUOC>");
            String xml2 = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC>"
                    + rows + "</DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
            envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS xmlns:xsi=\"http://www.w3.org/2001/"
                    + "XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><THONGTINDONVI><MACSKCB>79001"
                    + "</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20261125</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO>"
                    + "<DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>" + base64(xml1)
                    + "</NOIDUNGFILE></FILEHOSO><FILEHOSO><LOAIHOSO>XML2</LOAIHOSO><NOIDUNGFILE>" + base64(xml2)
                    + "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>\n";
        } while (envelope.getBytes(StandardCharsets.UTF_8).length < targetBytes);
        return envelope.getBytes(StandardCharsets.UTF_8);
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

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
