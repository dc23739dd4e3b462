package org.vnemr.signing.keys;

import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;

/**
 * A software key: one PKCS#12 file per user ({@code .p12}/{@code .pfx}, as Vietnamese CAs hand out for soft
 * certificates), opened with the user's PIN. The file is read once; the PIN is not kept.
 */
public final class Pkcs12Signer extends KeyStoreSigner {

    private Pkcs12Signer(PrivateKey key, java.util.List<java.security.cert.X509Certificate> chain) {
        super(key, chain, null);
    }

    /** Opens the first key entry of {@code file}. */
    public static Pkcs12Signer open(Path file, char[] pin) {
        return open(file, pin, null);
    }

    /**
     * Opens the key entry {@code alias} (or the first one when {@code null}).
     *
     * @throws SigningException VNEMR-4010 unreadable file, VNEMR-4011 wrong PIN, VNEMR-4012 no key entry,
     *                          VNEMR-4013 key weaker than RSA 2048
     */
    public static Pkcs12Signer open(Path file, char[] pin, String alias) {
        if (!Files.isRegularFile(file)) {
            throw new SigningException("VNEMR-4010", file.toString());
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, pin);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new SigningException(e, "VNEMR-4011", file.toString());
            }
            throw new SigningException(e, "VNEMR-4010", file.toString());
        } catch (GeneralSecurityException e) {
            throw new SigningException(e, "VNEMR-4010", file.toString());
        }
        try {
            String found = findKeyAlias(store, alias, file.toString());
            PrivateKey key = (PrivateKey) store.getKey(found, pin);
            return new Pkcs12Signer(key, chainOf(store, found));
        } catch (UnrecoverableKeyException e) {
            throw new SigningException(e, "VNEMR-4011", file.toString());
        } catch (GeneralSecurityException e) {
            throw new SigningException(e, "VNEMR-4010", file.toString());
        }
    }
}
