package org.vnemr.signing.document;

import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's own signing key for {@code $sign} (scripts, tests, demos): a PKCS#12 file named by
 * {@code vnemr.signing.server-keystore} with {@code …-password} and optional {@code …-alias}. Users sign with
 * their own keystore, token or remote-signing service through the keys module's signers.
 */
final class KeystoreFileSigner implements Signer {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private KeystoreFileSigner(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    static KeystoreFileSigner open(String file, String password, String alias) {
        if (file == null || file.isBlank()) {
            throw new SigningException("VNEMR-4141");
        }
        char[] pin = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pin);
            String name = alias;
            if (name == null || name.isBlank()) {
                name = Collections.list(store.aliases()).stream().filter(a -> {
                    try {
                        return store.isKeyEntry(a);
                    } catch (GeneralSecurityException e) {
                        return false;
                    }
                }).findFirst().orElseThrow(() -> new SigningException("VNEMR-4141"));
            }
            PrivateKey key = (PrivateKey) store.getKey(name, pin);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : store.getCertificateChain(name)) {
                chain.add((X509Certificate) c);
            }
            return new KeystoreFileSigner(key, List.copyOf(chain));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof SigningException s) {
                throw s;
            }
            throw new SigningException(e, "VNEMR-4141");
        }
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(data);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
