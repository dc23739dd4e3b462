/**
 * Chữ ký JWS tách rời — detached JWS (RFC 7515 Appendix F, RS256, x5c, sigT) over the canonical JSON of a FHIR
 * resource or Bundle: the {@code Provenance.signature.data} format.
 */
package org.vnemr.signing.jws;
