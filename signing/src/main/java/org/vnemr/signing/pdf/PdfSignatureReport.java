package org.vnemr.signing.pdf;

import org.vnemr.signing.certs.CertificateStatus;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the check of one PDF signature found.
 *
 * @param index               0 for the first signature in the file
 * @param name                the signer name from the signature dictionary (/Name)
 * @param subject             the signing certificate's subject DN, or null when unreadable
 * @param signingTime         the claimed time (/M)
 * @param timeStampTime       the RFC 3161 time-stamp's time (baseline-T), or null
 * @param coversWholeDocument the signed byte range ends at the end of the file (false for earlier signers of
 *                            a multi-signed PDF: later signatures were appended after it)
 * @param cryptoValid         digest of the signed bytes and CMS signature both valid (and the time-stamp, if any)
 * @param pades               subFilter ETSI.CAdES.detached
 * @param certificateStatus   the certificate at the signing time, or null when not reached
 * @param revisionLength      the length of the file revision this signature covers
 * @param chain               the certificate chain found in the CMS
 * @param problem             the first problem found, or null
 */
public record PdfSignatureReport(int index, String name, String subject, Instant signingTime, Instant timeStampTime,
                                 boolean coversWholeDocument, boolean cryptoValid, boolean pades,
                                 CertificateStatus certificateStatus, long revisionLength, List<X509Certificate> chain,
                                 String problem) {

    static PdfSignatureReport unreadable(String problem) {
        return new PdfSignatureReport(-1, null, null, null, null, false, false, false, null, 0, List.of(), problem);
    }

    /** The bytes are as signed and the certificate was trusted at the signing time. */
    public boolean intact() {
        return cryptoValid && certificateStatus != null && certificateStatus.trusted();
    }
}
