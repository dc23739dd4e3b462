package org.vnemr.fhir.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for search: Vietnamese diacritics removed, {@code đ/Đ} → {@code d}, lower case, white space
 * collapsed. Input in NFC or NFD folds to the same string, so "Nguyễn Văn Ân" typed on any keyboard (or
 * stored by any importer) is found by "nguyen van an".
 *
 * <p>The vertical bar is the separator of the stored search columns, so it is folded to a space.
 */
public final class VietnameseText {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("[\\s|]+");

    private VietnameseText() {
    }

    /** The folded form of {@code text}; {@code null} stays {@code null}. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        if (isPlainAscii(text)) {
            return SPACES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String stripped = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        String lower = stripped.replace('đ', 'd').replace('Đ', 'd').toLowerCase(Locale.ROOT);
        return SPACES.matcher(lower).replaceAll(" ").trim();
    }

    /** Canonical composition (NFC) — how strings are compared for {@code :exact}. */
    public static String nfc(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
