package org.vnemr.signing.keys;

import org.vnemr.signing.SigningException;

import javax.security.auth.login.LoginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key on a PKCS#11 token — the USB tokens Vietnamese CAs issue, or an HSM — used through the JDK's SunPKCS11
 * provider with a configuration generated from {@link Pkcs11Settings}. The key stays on the token: the token
 * computes each signature after the user's PIN opened the session.
 */
public final class Pkcs11Signer extends KeyStoreSigner {

    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private Pkcs11Signer(PrivateKey key, List<X509Certificate> chain, Provider provider) {
        super(key, chain, provider);
    }

    /**
     * Where the token is: the vendor's PKCS#11 library and which slot. SunPKCS11 selects a token by slot id or by
     * position in the slot list, not by label; {@code softhsm2-util --show-slots} or {@code pkcs11-tool -L} shows
     * both.
     *
     * @param modulePath       e.g. {@code /usr/lib/softhsm/libsofthsm2.so}, a vendor token driver, an HSM client
     * @param slot           the slot id, or {@code null} to use {@code slotListIndex}
     * @param slotListIndex  position in the list of slots with a token (0 when {@code slot} is null and unset)
     * @param alias          the key's label (CKA_LABEL), or {@code null} for the first key with a certificate
     */
    public record Pkcs11Settings(Path modulePath, Long slot, Integer slotListIndex, String alias) {

        /** The SunPKCS11 configuration text (the same a {@code pkcs11.cfg} file would hold). */
        public String providerConfiguration() {
            StringBuilder text = new StringBuilder();
            text.append("name = vnemr-").append(slot != null ? "slot" + slot : "index" + index()).append('\n');
            text.append("library = ").append(modulePath.toAbsolutePath()).append('\n');
            if (slot != null) {
                text.append("slot = ").append(slot).append('\n');
            } else {
                text.append("slotListIndex = ").append(index()).append('\n');
            }
            return text.toString();
        }

        private int index() {
            return slotListIndex == null ? 0 : slotListIndex;
        }
    }

    /**
     * Logs in to the token with {@code pin} and finds the signing key.
     *
     * @throws SigningException VNEMR-4015 library missing, VNEMR-4016 no token in the slot, VNEMR-4017 wrong PIN,
     *                          VNEMR-4012 no key with a certificate
     */
    public static Pkcs11Signer open(Pkcs11Settings settings, char[] pin) {
        Provider provider = provider(settings);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
        } catch (IOException e) {
            if (hasCause(e, LoginException.class) || String.valueOf(e.getMessage()).contains("PIN")) {
                throw new SigningException(e, "VNEMR-4017");
            }
            throw new SigningException(e, "VNEMR-4016", slotText(settings), settings.modulePath().toString());
        } catch (GeneralSecurityException | ProviderException e) {
            throw new SigningException(e, "VNEMR-4016", slotText(settings), settings.modulePath().toString());
        }
        try {
            String alias = findKeyAlias(store, settings.alias(), settings.modulePath() + " " + slotText(settings));
            return new Pkcs11Signer((PrivateKey) store.getKey(alias, null), chainOf(store, alias), provider);
        } catch (GeneralSecurityException e) {
            throw new SigningException(e, "VNEMR-4016", slotText(settings), settings.modulePath().toString());
        }
    }

    /** The SunPKCS11 provider instance for a token, made once per configuration and reused. */
    public static Provider provider(Pkcs11Settings settings) {
        if (!Files.isRegularFile(settings.modulePath())) {
            throw new SigningException("VNEMR-4015", settings.modulePath().toString(), "file not found");
        }
        String configuration = settings.providerConfiguration();
        try {
            return PROVIDERS.computeIfAbsent(configuration,
                    text -> Security.getProvider("SunPKCS11").configure("--" + text));
        } catch (ProviderException | IllegalArgumentException e) {
            throw new SigningException(e, "VNEMR-4016", slotText(settings), settings.modulePath().toString());
        }
    }

    private static String slotText(Pkcs11Settings settings) {
        return settings.slot() != null ? String.valueOf(settings.slot()) : "#" + settings.index();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
