package org.vnemr.platform.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Quy tắc mật khẩu theo TCVN 14423:2026 (cấp độ 3): at least 14 characters for an account without a second
 * factor, at least 8 with TOTP; not one of the commonly used passwords ({@code vnemr/security/common-passwords.txt});
 * not containing the user name. Length counts Unicode code points after NFC, so Vietnamese letters with diacritics
 * count once. Refusals are result values (the error code), not exceptions.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH_WITHOUT_MFA = 14;
    public static final int MIN_LENGTH_WITH_MFA = 8;
    public static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** @return the VNEMR error code of the first rule broken, or empty when the password is acceptable */
    public static Optional<String> check(String username, String password, boolean withMfa) {
        if (password == null) {
            return Optional.of("VNEMR-5020");
        }
        String nfc = Normalizer.normalize(password, Normalizer.Form.NFC);
        int length = nfc.codePointCount(0, nfc.length());
        if (length < (withMfa ? MIN_LENGTH_WITH_MFA : MIN_LENGTH_WITHOUT_MFA)) {
            return Optional.of(withMfa ? "VNEMR-5021" : "VNEMR-5020");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("VNEMR-5022");
        }
        String lower = nfc.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("VNEMR-5023");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("VNEMR-5024");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/vnemr/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("vnemr/security/common-passwords.txt missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
