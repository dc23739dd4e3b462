package org.vnemr.signing.certs;

/**
 * Whether revocation is asked over the network. {@link #ONLINE}: OCSP (the certificate's AIA responder), then the
 * CRL (distribution point or a configured file); no answer means the certificate is refused (VNEMR-4034).
 * {@link #OFFLINE}: no network — only configured CRL files are read; without one the status says
 * {@code revocationChecked=false} with note VNEMR-4037, for verifying an export on a machine without Internet.
 */
public enum RevocationMode {
    ONLINE, OFFLINE
}
