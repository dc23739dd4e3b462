package org.vnemr.fhir.index;

import org.vnemr.fhir.text.VietnameseText;

import java.text.Normalizer;

/**
 * {@link VietnameseText#fold} and {@link VietnameseText#nfc} with a table-driven fast path for Latin and
 * Vietnamese text, the hot spot of indexing names and addresses. The table is built from
 * {@code VietnameseText.fold} itself, one character at a time, so both agree by construction (a test checks
 * it); text with any other character takes the general path.
 */
final class TextFolding {

    private static final int TABLE_SIZE = 0x1F00;
    /** Folded form per character; {@code null}: not in the fast path. */
    private static final String[] FOLDED = new String[TABLE_SIZE];

    static {
        for (int c = 0; c < TABLE_SIZE; c++) {
            boolean latin = (c >= 0x20 && c < 0x250) || (c >= 0x300 && c < 0x370) || c >= 0x1E00;
            if (!latin || isSeparator((char) c)) {
                continue;
            }
            String folded = VietnameseText.fold(String.valueOf((char) c));
            boolean plain = true;
            for (int i = 0; i < folded.length(); i++) {
                char f = folded.charAt(i);
                if (f <= ' ' || f == '|') {
                    plain = false;
                }
            }
            if (plain && (folded.length() > 0 || Character.getType(c) == Character.NON_SPACING_MARK)) {
                FOLDED[c] = folded;
            }
        }
    }

    private TextFolding() {
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '|';
    }

    /** Same result as {@link VietnameseText#fold}. */
    static String fold(String text) {
        int length = text.length();
        StringBuilder sb = new StringBuilder(length);
        boolean pendingSpace = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isSeparator(c)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            String folded = c < TABLE_SIZE ? FOLDED[c] : null;
            if (folded == null) {
                return VietnameseText.fold(text);
            }
            if (folded.isEmpty()) {
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            sb.append(folded);
        }
        return sb.toString();
    }

    /** Same result as {@link VietnameseText#nfc}; plain ASCII is returned as it is. */
    static String nfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : VietnameseText.nfc(text);
            }
        }
        return text;
    }
}
