package org.vnemr.signing.document;

import org.vnemr.fhir.error.Messages;
import org.vnemr.signing.certs.CertificateStatus;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "is this signed document still as signed?": who signed, in which role and when, whether each
 * signature and certificate held at the signing time, and every problem found (content changed since, bad
 * signature, untrusted certificate …). {@code valid} only when there is at least one signature and no problem.
 */
public record DocumentVerification(String documentId, boolean valid, List<Signature> signatures,
                                   List<Problem> problems) {

    /**
     * One signing step.
     *
     * @param method             "certificate" (digital signature) or "otp" (confirmation by one-time code)
     * @param signatureValid     the JWS over the snapshot (certificate) — for OTP: the frozen Provenance intact
     * @param certificateVerdict the certificate at the signing time; null for OTP
     * @param revocationChecked  false when the certificate check ran offline
     */
    public record Signature(int step, String role, String roleDisplay, String method, String signer,
                            String certificateSubject, Instant signedAt, Instant timeStampTime,
                            boolean signatureValid, CertificateStatus.Verdict certificateVerdict,
                            boolean revocationChecked) {
    }

    /** A numbered problem with its texts in both languages. */
    public record Problem(String code, String vi, String en) {

        public static Problem of(String code, Object... args) {
            return new Problem(code, Messages.vi(code, args), Messages.en(code, args));
        }
    }
}
