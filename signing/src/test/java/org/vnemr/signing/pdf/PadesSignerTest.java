package org.vnemr.signing.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PadesSignerTest {

    private static final ThrowawayPki PKI = ThrowawayPki.shared();
    private final DocumentPdfRenderer renderer = new DocumentPdfRenderer();
    private final PdfSignatureVerifier verifier = new PdfSignatureVerifier(PKI.validator());
    private final PadesSigner baselineB = new PadesSigner(null, Clock.systemUTC());

    @Test
    void render_sameSnapshot_sameBytes_withVietnameseTitleAndFooter() throws IOException {
        byte[] first = renderer.render(SampleDocuments.dischargePaper(25), "Composition/doc1", "2");
        byte[] second = renderer.render(SampleDocuments.dischargePaper(25), "Composition/doc1", "2");
        assertThat(first).isEqualTo(second);
        try (PDDocument pdf = Loader.loadPDF(first)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("GIẤY RA VIỆN", "Nguyễn Thị Hương", "BS. Trần Văn Đức",
                    "Viêm phổi do vi khuẩn", "Mã tài liệu: Composition/doc1 · phiên bản 2 · Trang 2/2");
        }
    }

    @Test
    void sign_baselineB_verifiesAsTrustedPadesCoveringTheWholeFile() {
        byte[] signed = baselineB.sign(pdf(), PKI.signer("BS. Trần Văn Đức"), "Bác sĩ điều trị ký", "Hà Nội");
        List<PdfSignatureReport> reports = verifier.verify(signed);
        assertThat(reports).hasSize(1);
        PdfSignatureReport report = reports.get(0);
        assertThat(report.cryptoValid()).as(report.problem()).isTrue();
        assertThat(report.pades()).isTrue();
        assertThat(report.coversWholeDocument()).isTrue();
        assertThat(report.certificateStatus().trusted()).isTrue();
        assertThat(report.subject()).contains("Trần Văn Đức");
        assertThat(report.timeStampTime()).isNull();
        assertThat(PdfSignatureVerifier.allValid(reports)).isTrue();
    }

    @Test
    void sign_withTimeStampAuthority_isBaselineT() {
        PadesSigner baselineT = new PadesSigner(PKI.timeStampAuthority(), Clock.systemUTC());
        byte[] signed = baselineT.sign(pdf(), PKI.signer("BS. A"), null, null);
        PdfSignatureReport report = verifier.verify(signed).get(0);
        assertThat(baselineT.level()).isEqualTo("B-T");
        assertThat(report.cryptoValid()).as(report.problem()).isTrue();
        assertThat(report.timeStampTime()).isNotNull();
    }

    @Test
    void secondSigner_addsAnIncrementalSignature_firstStaysValid() {
        byte[] once = baselineB.sign(pdf(), PKI.signer("BS. Trần Văn Đức"), "Bác sĩ điều trị", null);
        byte[] twice = baselineB.sign(once, PKI.signer("TS. Lê Thị Mai"), "Trưởng khoa", null);
        assertThat(twice).startsWith(once);
        List<PdfSignatureReport> reports = verifier.verify(twice);
        assertThat(reports).hasSize(2);
        assertThat(reports).allMatch(PdfSignatureReport::intact);
        assertThat(reports.get(0).coversWholeDocument()).isFalse();
        assertThat(reports.get(0).revisionLength()).isEqualTo(once.length);
        assertThat(reports.get(1).coversWholeDocument()).isTrue();
        assertThat(PdfSignatureVerifier.allValid(reports)).isTrue();
    }

    @Test
    void flippedByteInsideSignedRange_failsVerification() {
        byte[] signed = baselineB.sign(pdf(), PKI.signer("BS. A"), null, null);
        byte[] tampered = signed.clone();
        tampered[200] ^= 0x01;
        List<PdfSignatureReport> reports = verifier.verify(tampered);
        assertThat(PdfSignatureVerifier.allValid(reports)).isFalse();
    }

    @Test
    void untrustedCertificate_isReportedNotTrusted() {
        byte[] signed = baselineB.sign(pdf(), PKI.untrustedSigner("Mallory"), null, null);
        PdfSignatureReport report = verifier.verify(signed).get(0);
        assertThat(report.cryptoValid()).isTrue();
        assertThat(report.certificateStatus().trusted()).isFalse();
        assertThat(PdfSignatureVerifier.allValid(List.of(report))).isFalse();
    }

    @Test
    void pdfsig_acceptsOurSignature_andRejectsAFlippedByte(@TempDir Path dir) throws IOException {
        PdfToolAssumptions.assumeInstalled("pdfsig");
        byte[] signed = baselineB.sign(baselineB.sign(pdf(), PKI.signer("BS. Trần Văn Đức"), "Bác sĩ", null),
                PKI.signer("TS. Lê Thị Mai"), "Trưởng khoa", null);
        Path good = dir.resolve("signed.pdf");
        Files.write(good, signed);
        PdfToolAssumptions.Run ok = PdfToolAssumptions.run("pdfsig", good.toString());
        assertThat(ok.output()).contains("Signature #1", "Signature #2", "ETSI.CAdES.detached");
        assertThat(ok.output().split("Signature is Valid", -1)).hasSize(3);
        assertThat(ok.output()).doesNotContain("Digest Mismatch");

        byte[] tampered = signed.clone();
        tampered[300] ^= 0x01;
        Path bad = dir.resolve("tampered.pdf");
        Files.write(bad, tampered);
        PdfToolAssumptions.Run broken = PdfToolAssumptions.run("pdfsig", bad.toString());
        assertThat(broken.output()).contains("Digest Mismatch");
    }

    private byte[] pdf() {
        return renderer.render(SampleDocuments.dischargePaper(3), "Composition/doc1", "1");
    }
}
