package org.vnemr.signing.certs;

import org.vnemr.signing.SigningException;

import java.time.Instant;
import java.util.List;

/**
 * What the certificate check found.
 *
 * @param verdict            the one-word answer
 * @param subject            the signer's subject DN, for display
 * @param checkedAt          the moment the certificate was judged at (signing time at verification)
 * @param revocationChecked  false in offline mode or when no CRL/OCSP source answered
 * @param problemCode        the VNEMR-4xxx code of the first problem, or {@code null} when trusted
 * @param problemArgs        arguments of that code's message
 */
public record CertificateStatus(Verdict verdict, String subject, Instant checkedAt, boolean revocationChecked,
                                String problemCode, List<String> problemArgs) {

    public enum Verdict { TRUSTED, EXPIRED, NOT_YET_VALID, REVOKED, UNTRUSTED, WRONG_KEY_USAGE, UNKNOWN }

    public boolean trusted() {
        return verdict == Verdict.TRUSTED;
    }

    public void throwIfNotTrusted() {
        if (!trusted()) {
            throw new SigningException(problemCode, problemArgs.toArray());
        }
    }
}
