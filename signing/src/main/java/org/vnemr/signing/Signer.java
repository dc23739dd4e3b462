package org.vnemr.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Something that holds a private key and signs with it: a PKCS#12 keystore, a PKCS#11 token (USB token, HSM) or a
 * remote-signing service where the CA keeps the key and the user approves each request. Formats (PAdES, XML-DSig,
 * JWS) call {@link #sign} with the bytes to sign; they never see the key.
 */
public interface Signer {

    /** The signing certificate first, then the intermediates towards the root. */
    List<X509Certificate> certificateChain();

    /** The signing certificate. */
    default X509Certificate certificate() {
        return certificateChain().get(0);
    }

    /**
     * A raw RSA signature with SHA-256 ({@code SHA256withRSA}, PKCS#1 v1.5), the algorithm Vietnamese CAs issue
     * keys for. A remote signer blocks here until the user approves or the request times out.
     */
    byte[] sign(byte[] data);
}
