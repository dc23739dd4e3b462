package org.vnemr.signing.keys;

import org.vnemr.signing.SigningException;

import java.util.Locale;

/** How a user's key is held: a PKCS#12 file, a PKCS#11 token/HSM, or a remote-signing CA. */
public enum SignerKind {
    PKCS12, PKCS11, REMOTE;

    public static SignerKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SigningException("VNEMR-4026", String.valueOf(text));
        }
    }
}
