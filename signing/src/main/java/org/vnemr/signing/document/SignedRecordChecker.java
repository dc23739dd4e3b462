package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.jws.CanonicalJson;
import org.vnemr.signing.jws.DetachedJws;
import org.vnemr.signing.pdf.PdfSignatureReport;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks the signatures of one document from its resources alone — the document Bundle snapshot, the
 * Provenances in signing order and the signed PDFs — so the same rules serve the database
 * ({@link SignatureVerification}) and an offline export ({@code vnemr verify DIR}): each JWS over the canonical
 * snapshot, each certificate at its signing time, every PAdES signature of the newest PDF, one PDF signature per
 * certificate signature with the same certificate, and each earlier PDF a prefix of the newest (signatures are
 * only ever appended).
 */
public final class SignedRecordChecker {

    private final CertificateValidator certificates;
    private final PdfSignatureVerifier pdfs;

    public SignedRecordChecker(CertificateValidator certificates) {
        this.certificates = certificates;
        this.pdfs = new PdfSignatureVerifier(certificates);
    }

    /** The stored pieces of one signed document. */
    public record Record(String documentId, ObjectNode snapshot, List<ObjectNode> provenances, List<byte[]> pdfs) {
    }

    public DocumentVerification check(Record record, List<DocumentVerification.Problem> knownProblems) {
        List<DocumentVerification.Problem> problems = new ArrayList<>(knownProblems);
        List<DocumentVerification.Signature> signatures = new ArrayList<>();
        String doc = "Composition/" + record.documentId();
        if (record.provenances().isEmpty()) {
            problems.add(DocumentVerification.Problem.of("VNEMR-4124", doc));
            return new DocumentVerification(record.documentId(), false, signatures, problems);
        }
        byte[] payload = record.snapshot() == null ? null : CanonicalJson.of(record.snapshot());
        List<java.security.cert.X509Certificate> jwsCertificates = new ArrayList<>();
        for (int step = 0; step < record.provenances().size(); step++) {
            ObjectNode provenance = record.provenances().get(step);
            JsonNode agentRole = provenance.path("agent").path(0).path("role").path(0).path("coding").path(0);
            JsonNode signature = provenance.path("signature").path(0);
            String who = signature.path("who").path("display").asText(null);
            Instant when = signature.hasNonNull("when") ? Instant.parse(signature.get("when").asText()) : null;
            boolean jose = "application/jose".equals(signature.path("sigFormat").asText());
            if (!jose) {
                // confirmation by OTP: no certificate; its integrity is the frozen Provenance itself
                signatures.add(new DocumentVerification.Signature(step, agentRole.path("code").asText(null),
                        agentRole.path("display").asText(null), "otp", who, null, when, null, true, null, false));
                continue;
            }
            String jws = new String(Base64.getDecoder().decode(signature.path("data").asText("")),
                    StandardCharsets.US_ASCII);
            DetachedJws.Verification v = payload == null
                    ? new DetachedJws.Verification(false, List.of(), null, "snapshot missing")
                    : DetachedJws.verify(jws, payload);
            if (!v.valid()) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4122", who, v.problem()));
            }
            CertificateStatus status = null;
            String subject = null;
            if (!v.chain().isEmpty()) {
                subject = v.certificate().getSubjectX500Principal().getName();
                Instant at = v.signingTime() != null ? v.signingTime() : when;
                status = certificates.check(v.chain(), at);
                if (!status.trusted()) {
                    problems.add(DocumentVerification.Problem.of("VNEMR-4123", who, at, status.verdict()));
                }
                jwsCertificates.add(v.certificate());
            }
            signatures.add(new DocumentVerification.Signature(step, agentRole.path("code").asText(null),
                    agentRole.path("display").asText(null), "certificate", who, subject,
                    v.signingTime() != null ? v.signingTime() : when, null, v.valid(),
                    status == null ? null : status.verdict(), status != null && status.revocationChecked()));
        }
        checkPdfs(record, doc, jwsCertificates, signatures, problems);
        return new DocumentVerification(record.documentId(), problems.isEmpty(), signatures, problems);
    }

    private void checkPdfs(Record record, String doc, List<java.security.cert.X509Certificate> jwsCertificates,
                           List<DocumentVerification.Signature> signatures,
                           List<DocumentVerification.Problem> problems) {
        if (record.pdfs().isEmpty()) {
            if (!jwsCertificates.isEmpty()) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4125", "PDF"));
            }
            return;
        }
        byte[] newest = record.pdfs().get(record.pdfs().size() - 1);
        for (byte[] earlier : record.pdfs().subList(0, record.pdfs().size() - 1)) {
            if (earlier.length > newest.length || !Arrays.equals(earlier, 0, earlier.length, newest, 0,
                    earlier.length)) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4121", doc,
                        "an earlier signed revision is not the start of the newest PDF"));
            }
        }
        List<PdfSignatureReport> reports = pdfs.verify(newest);
        if (reports.size() != jwsCertificates.size()) {
            problems.add(DocumentVerification.Problem.of("VNEMR-4126", doc, reports.size(), jwsCertificates.size()));
        }
        for (PdfSignatureReport report : reports) {
            if (!report.cryptoValid()) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4121", doc,
                        "#" + (report.index() + 1) + " " + report.problem()));
            }
        }
        if (!reports.isEmpty() && !reports.get(reports.size() - 1).coversWholeDocument()) {
            problems.add(DocumentVerification.Problem.of("VNEMR-4121", doc,
                    "bytes after the last signature are not signed"));
        }
        int certificateStep = 0;
        for (int i = 0; i < signatures.size(); i++) {
            DocumentVerification.Signature s = signatures.get(i);
            if (!"certificate".equals(s.method())) {
                continue;
            }
            if (certificateStep < reports.size()) {
                PdfSignatureReport report = reports.get(certificateStep);
                if (report.chain().isEmpty() || certificateStep >= jwsCertificates.size()
                        || !report.chain().get(0).equals(jwsCertificates.get(certificateStep))) {
                    problems.add(DocumentVerification.Problem.of("VNEMR-4127", s.step() + 1));
                }
                signatures.set(i, new DocumentVerification.Signature(s.step(), s.role(), s.roleDisplay(), s.method(),
                        s.signer(), s.certificateSubject(), s.signedAt(), report.timeStampTime(),
                        s.signatureValid() && report.cryptoValid(), s.certificateVerdict(), s.revocationChecked()));
            }
            certificateStep++;
        }
    }
}
