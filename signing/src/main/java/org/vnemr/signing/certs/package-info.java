/**
 * Kiểm tra chứng thư số — validity, key usage, chain to the configured trust list and revocation (OCSP, CRL) of a
 * signer's certificate at a given moment, online or offline.
 */
package org.vnemr.signing.certs;
