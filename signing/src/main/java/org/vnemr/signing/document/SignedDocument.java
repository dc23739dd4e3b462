package org.vnemr.signing.document;

/**
 * What one signature produced.
 *
 * @param documentId         the Composition id
 * @param compositionVersion the frozen Composition version
 * @param bundleId           the document Bundle snapshot
 * @param pdfBinaryId        the Binary with the PDF carrying this signature (null for an OTP confirmation)
 * @param provenanceId       the Provenance with the signature
 * @param step               0 for the first signer of the plan
 * @param role               the signing role
 * @param complete           every step of the plan is now done
 */
public record SignedDocument(String documentId, long compositionVersion, String bundleId, String pdfBinaryId,
                             String provenanceId, int step, String role, boolean complete) {
}
