/**
 * Bản PDF của hồ sơ ký số — a FHIR document rendered as a deterministic A4 PDF (bundled DejaVu Sans for
 * Vietnamese), PAdES baseline-B/T signing with incremental updates for later signers, and the verifier that lists
 * every signature with its certificate status at the signing time.
 */
package org.vnemr.signing.pdf;
