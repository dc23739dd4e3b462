/**
 * Chữ ký XML — enveloped XML-DSig RSA-SHA256 (the insurance envelope's {@code CHUKYDONVI}), its verification, and
 * XML parsing hardened against XXE.
 */
package org.vnemr.signing.xml;
