package org.vnemr.signing.xml;

import org.vnemr.fhir.error.Messages;
import org.vnemr.signing.certs.CertificateStatus;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What checking one XML signature found. Refusals are values, not exceptions: a verification screen shows them.
 *
 * @param signatureIntact    SignatureValue matches SignedInfo and every reference digest matches
 * @param documentUnchanged  every reference digest matches (false: the document was changed after signing)
 * @param signer             the certificate in KeyInfo, or {@code null} when there is none
 * @param signingTime        the signed SigningTime property, or {@code null} when the signature has none
 * @param certificate        the certificate check at the signing time (now when there is no signing time), or
 *                           {@code null} when the signature itself is broken
 * @param problemCode        the first problem (VNEMR-4xxx), {@code null} when valid
 */
public record XmlVerification(boolean signatureIntact, boolean documentUnchanged, X509Certificate signer,
                              List<X509Certificate> chain, Instant signingTime, CertificateStatus certificate,
                              String problemCode, List<String> problemArgs) {

    /** Intact and signed with a certificate that was trusted at the signing time. */
    public boolean valid() {
        return signatureIntact && certificate != null && certificate.trusted();
    }

    public String problemVi() {
        return problemCode == null ? null : Messages.vi(problemCode, problemArgs.toArray());
    }

    public String problemEn() {
        return problemCode == null ? null : Messages.en(problemCode, problemArgs.toArray());
    }
}
