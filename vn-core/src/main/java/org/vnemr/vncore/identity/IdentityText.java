package org.vnemr.vncore.identity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Cleans an identifier as people type, print or scan it: full-width digits and letters (Vietnamese IMEs produce
 * them) become ASCII, white space of any kind (including no-break and zero-width spaces), dots and dashes used to
 * group digits are dropped, letters are upper-cased. "００１ ０９８.００１２３４" and "001-098-001234" both become
 * "001098001234".
 */
final class IdentityText {

    private IdentityText() {
    }

    /** The compact form: NFKC, separators removed, upper case. {@code null} becomes the empty string. */
    static String compact(String raw) {
        if (raw == null) {
            return "";
        }
        String text = isPlainAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF'
                    || c == '.' || c == '-' || c == '\u2013' || c == '\u2014' || c == '_') {
                continue;
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** What the clerk typed, shortened for a message. */
    static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        String t = raw.strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
