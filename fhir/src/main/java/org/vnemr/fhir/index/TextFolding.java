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
    private static final char SLOW = 0xFFFF;
    private static final char DROP = 0;
    /** Folded character per character: {@link #DROP} for a combining mark, {@link #SLOW} outside the fast path. */
    private static final char[] FOLDED = new char[TABLE_SIZE];

    static {
        for (int c = 0; c < TABLE_SIZE; c++) {
            FOLDED[c] = SLOW;
            boolean latin = (c >= 0x20 && c < 0x250) || (c >= 0x300 && c < 0x370) || c >= 0x1E00;
            if (!latin || isSeparator((char) c)) {
                continue;
            }
            String folded = VietnameseText.fold(String.valueOf((char) c));
            if (folded.length() == 1 && folded.charAt(0) > ' ' && folded.charAt(0) != '|' && folded.charAt(0) != SLOW) {
                FOLDED[c] = folded.charAt(0);
            } else if (folded.isEmpty() && Character.getType(c) == Character.NON_SPACING_MARK) {
                FOLDED[c] = DROP;
            }
        }
    }

    private TextFolding() {
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '|';
    }

    /** Same result as {@link VietnameseText#fold}; text that is already folded is returned as it is. */
    static String fold(String text) {
        int length = text.length();
        char[] out = null;
        int n = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            char f;
            if (isSeparator(c)) {
                f = ' ';
            } else {
                f = c < TABLE_SIZE ? FOLDED[c] : SLOW;
                if (f == SLOW) {
                    return VietnameseText.fold(text);
                }
            }
            if (out == null) {
                // unchanged so far: stay on the input while each character folds to itself, single-spaced
                boolean same = f == c && (c != ' '
                        || (i > 0 && i < length - 1 && text.charAt(i - 1) != ' ' && !isSeparator(text.charAt(i + 1))));
                if (same) {
                    n++;
                    continue;
                }
                out = new char[length];
                text.getChars(0, n, out, 0);
                pendingSpace = false;
                if (n > 0 && out[n - 1] == ' ') {
                    n--;
                    pendingSpace = true;
                }
            }
            if (f == ' ') {
                pendingSpace = n > 0;
            } else if (f != DROP) {
                if (pendingSpace) {
                    out[n++] = ' ';
                    pendingSpace = false;
                }
                out[n++] = f;
            }
        }
        return out == null ? text : new String(out, 0, n);
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
