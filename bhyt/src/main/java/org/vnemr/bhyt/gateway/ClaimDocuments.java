package org.vnemr.bhyt.gateway;

import java.util.Optional;

/**
 * Builds, validates and signs what the gateway receives, from the FHIR record as it is at sending time. The XML
 * package of this module fills it; the outbox handlers only carry the result.
 */
public interface ClaimDocuments {

    /** The signed check-in file (XML0) of a visit, or empty when the visit has no BHYT card (nothing to check in). */
    Optional<byte[]> signedCheckIn(String encounterId);

    /**
     * The signed dossier envelope of a finished visit: XML1–XML15 for an insured visit; XML1 and XML8 for a patient
     * without a card (the health book gets every patient's episode, QĐ 31/QĐ-BYT 2026).
     *
     * @throws ClaimRefused when our own validator finds the dossier not ready (the clerk must fix the data first)
     */
    byte[] signedDossier(String encounterId);

    /** A finished paper (giấy ra viện XML7, tóm tắt XML8, chuyển tuyến XML13, hẹn khám lại XML14), signed. */
    byte[] signedPaper(String compositionId);

    /** Our validator refused to send: the findings, each with its rule id, in Vietnamese. */
    final class ClaimRefused extends RuntimeException {
        public ClaimRefused(String findings) {
            super(findings);
        }
    }
}
