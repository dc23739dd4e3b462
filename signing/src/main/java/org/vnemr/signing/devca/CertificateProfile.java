package org.vnemr.signing.devca;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a development-CA certificate should look like. {@link #person} gives the normal signing certificate of a
 * doctor or nurse; the {@code with…} methods make the broken ones the tests need (expired, not yet valid, wrong key
 * usage) and the service certificates of the test time-stamp authority and OCSP responder.
 *
 * @param commonName  CN, the person's full name with diacritics ("Nguyễn Văn An")
 * @param personalId  the 12-digit CCCD / personal ID, written as {@code UID=CCCD:<id>} as Vietnamese CAs do; may
 *                    be {@code null} for service certificates
 * @param email       optional e-mail address (subjectAltName rfc822Name)
 * @param notBefore   start of validity
 * @param notAfter    end of validity
 * @param purpose     signing person, time-stamp authority or OCSP responder
 */
public record CertificateProfile(String commonName, String personalId, String email, Instant notBefore,
                                 Instant notAfter, Purpose purpose) {

    /** The key usages a certificate is issued for. */
    public enum Purpose {
        /** digitalSignature + nonRepudiation, extKeyUsage emailProtection + documentSigning (RFC 9336). */
        DOCUMENT_SIGNING,
        /** keyEncipherment only: a certificate that must be refused for signing. */
        ENCRYPTION_ONLY,
        /** digitalSignature, critical extKeyUsage timeStamping (RFC 3161 §2.3). */
        TIME_STAMPING,
        /** digitalSignature, extKeyUsage OCSPSigning (RFC 6960 §4.2.2.2). */
        OCSP_SIGNING
    }

    public CertificateProfile {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(purpose, "purpose");
        if (personalId != null && !personalId.matches("\\d{12}")) {
            throw new IllegalArgumentException("personalId must be 12 digits (CCCD): " + personalId);
        }
    }

    /** A signing certificate valid from an hour ago for two years. */
    public static CertificateProfile person(String commonName, String personalId) {
        Instant now = Instant.now();
        return new CertificateProfile(commonName, personalId, null, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(730)), Purpose.DOCUMENT_SIGNING);
    }

    public static CertificateProfile service(String commonName, Purpose purpose) {
        Instant now = Instant.now();
        return new CertificateProfile(commonName, null, null, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(730)), purpose);
    }

    public CertificateProfile withValidity(Instant from, Instant to) {
        return new CertificateProfile(commonName, personalId, email, from, to, purpose);
    }

    public CertificateProfile withPurpose(Purpose newPurpose) {
        return new CertificateProfile(commonName, personalId, email, notBefore, notAfter, newPurpose);
    }

    public CertificateProfile withEmail(String newEmail) {
        return new CertificateProfile(commonName, personalId, newEmail, notBefore, notAfter, purpose);
    }
}
