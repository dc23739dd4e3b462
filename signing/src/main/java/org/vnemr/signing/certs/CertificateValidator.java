package org.vnemr.signing.certs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a signer's certificate may be trusted at a moment: validity period, key usage (digital
 * signature / non-repudiation), a chain to the configured trust list, and revocation by CRL and OCSP — or, in the
 * offline mode, a status that says revocation was not checked. Used before signing (refuse) and at verification
 * (report, at the signing time).
 */
public interface CertificateValidator {

    /**
     * The status of {@code chain} (signing certificate first) at {@code at}. Never throws for an untrusted
     * certificate: the status says why.
     */
    CertificateStatus check(List<X509Certificate> chain, Instant at);

    /** Like {@link #check} but refuses with a {@link org.vnemr.signing.SigningException} unless trusted. */
    default CertificateStatus requireTrusted(List<X509Certificate> chain, Instant at) {
        CertificateStatus status = check(chain, at);
        status.throwIfNotTrusted();
        return status;
    }
}
