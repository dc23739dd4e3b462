package org.vnemr.signing.devca;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate the development CA issued, with its key and where its files went.
 *
 * @param privateKey  the RSA key (also inside {@link #pkcs12})
 * @param chain       the certificate first, then the development root
 * @param pkcs12      the PKCS#12 file holding key and chain (alias {@value DevelopmentCa#KEY_ALIAS})
 * @param pem         the PEM file holding the chain (no key)
 */
public record IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain, Path pkcs12, Path pem) {

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
