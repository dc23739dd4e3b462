package org.vnemr.emr.verification;

import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.document.DocumentVerification;
import org.vnemr.signing.pdf.PdfSignatureReport;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One signature as the screen shows it: times in the facility's zone (dd/MM/yyyy HH:mm:ss, as Vietnamese papers
 * write them) and message keys for the verdicts, so the template only prints.
 *
 * @param signatureKey   message key: the signed bytes are intact or not
 * @param certificateKey message key: the certificate at the signing time
 * @param note           a problem text from the check (already in the user's language where the check gives one)
 */
public record SignatureRow(int step, String signer, String role, String certificateSubject, String signedAt,
                           String timeStampedAt, boolean ok, String signatureKey, String certificateKey,
                           boolean revocationChecked, String note) {

    private static final ZoneId FACILITY_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    static SignatureRow of(PdfSignatureReport report) {
        CertificateStatus status = report.certificateStatus();
        return new SignatureRow(report.index() + 1, report.name(), null, report.subject(), time(report.signingTime()),
                time(report.timeStampTime()), report.intact(),
                report.cryptoValid() ? "verify.signature.intact" : "verify.signature.broken",
                certificateKey(status == null ? null : status.verdict()),
                status != null && status.revocationChecked(), report.problem());
    }

    static SignatureRow of(DocumentVerification.Signature signature) {
        boolean certificateOk = "otp".equals(signature.method())
                || signature.certificateVerdict() == CertificateStatus.Verdict.TRUSTED;
        return new SignatureRow(signature.step(), signature.signer(),
                signature.roleDisplay() != null ? signature.roleDisplay() : signature.role(),
                signature.certificateSubject(), time(signature.signedAt()), time(signature.timeStampTime()),
                signature.signatureValid() && certificateOk,
                signature.signatureValid() ? "verify.signature.intact" : "verify.signature.broken",
                "otp".equals(signature.method()) ? "verify.certificate.otp"
                        : certificateKey(signature.certificateVerdict()),
                signature.revocationChecked(), null);
    }

    private static String certificateKey(CertificateStatus.Verdict verdict) {
        return verdict == null ? "verify.certificate.UNKNOWN" : "verify.certificate." + verdict.name();
    }

    private static String time(Instant instant) {
        return instant == null ? null : SHOWN.format(instant.atZone(FACILITY_ZONE));
    }
}
