package org.vnemr.signing.certs;

import java.time.Instant;

/**
 * What a CRL or OCSP responder said about one certificate.
 *
 * @param revokedAt  when it was revoked, or {@code null} when good
 * @param reason     RFC 5280 reason name ("keyCompromise"), or {@code null}
 * @param source     "OCSP http://…" or "CRL http://…" / "CRL file …", for the report
 */
record RevocationAnswer(Instant revokedAt, String reason, String source) {

    boolean revokedBy(Instant at) {
        return revokedAt != null && !revokedAt.isAfter(at);
    }

    static String reasonName(int code) {
        return switch (code) {
            case 0 -> "unspecified";
            case 1 -> "keyCompromise";
            case 2 -> "cACompromise";
            case 3 -> "affiliationChanged";
            case 4 -> "superseded";
            case 5 -> "cessationOfOperation";
            case 6 -> "certificateHold";
            case 8 -> "removeFromCRL";
            case 9 -> "privilegeWithdrawn";
            case 10 -> "aACompromise";
            default -> "unspecified";
        };
    }
}
