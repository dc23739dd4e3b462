package org.vnemr.signing.keys;

import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;

/**
 * A signer whose key sits in a JCA {@link KeyStore}: a PKCS#12 file or a PKCS#11 token. The key never leaves the
 * keystore object (on a token it never leaves the token).
 */
abstract class KeyStoreSigner implements Signer {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Provider provider;

    KeyStoreSigner(PrivateKey key, List<X509Certificate> chain, Provider provider) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.provider = provider;
        KeyRequirements.requireRsa2048(chain.get(0));
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature = provider == null ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", provider);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException(e, "VNEMR-4014", KeyRequirements.subject(certificate()), e.toString());
        }
    }

    /** The key entry named {@code alias}, or the first key entry with a certificate when alias is null. */
    static String findKeyAlias(KeyStore store, String alias, String source) throws GeneralSecurityException {
        if (alias != null) {
            if (store.isKeyEntry(alias) && store.getCertificateChain(alias) != null) {
                return alias;
            }
            throw new SigningException("VNEMR-4012", source, alias);
        }
        Enumeration<String> aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            String candidate = aliases.nextElement();
            if (store.isKeyEntry(candidate) && store.getCertificateChain(candidate) != null) {
                return candidate;
            }
        }
        throw new SigningException("VNEMR-4012", source, "*");
    }

    static List<X509Certificate> chainOf(KeyStore store, String alias) throws GeneralSecurityException {
        Certificate[] chain = store.getCertificateChain(alias);
        return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    }

    /** Why a key can be refused before any signing: RSA below 2048 bits. */
    static final class KeyRequirements {

        private KeyRequirements() {
        }

        static void requireRsa2048(X509Certificate certificate) {
            if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
                String got = certificate.getPublicKey() instanceof RSAPublicKey rsa
                        ? "RSA " + rsa.getModulus().bitLength() : certificate.getPublicKey().getAlgorithm();
                throw new SigningException("VNEMR-4013", subject(certificate), got);
            }
        }

        static String subject(X509Certificate certificate) {
            return certificate.getSubjectX500Principal().getName();
        }
    }
}
