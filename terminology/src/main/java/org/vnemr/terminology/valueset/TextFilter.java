package org.vnemr.terminology.valueset;

import org.vnemr.fhir.text.VietnameseText;
import org.vnemr.terminology.codesystem.IndexedConcept;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code filter} of {@code $expand}: diacritic-insensitive ("viem phoi" finds "Viêm phổi"), each word a
 * prefix of a word of the display ("viem ph" while typing). Ranks what matches so a picker shows the likely
 * choice first: codes starting with the text and displays starting with the phrase, then displays containing
 * every word whole, then the other matches.
 */
public final class TextFilter {

    public static final int NO_MATCH = -1;
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z]?\\d[0-9A-Za-z.]*|[A-Za-z]\\d*");

    private final String phrase;
    private final String[] words;
    private final String codePrefix;

    public TextFilter(String filter) {
        this.phrase = VietnameseText.fold(filter);
        this.words = IndexedConcept.words(phrase);
        String trimmed = filter.trim();
        this.codePrefix = CODE_LIKE.matcher(trimmed).matches()
                ? trimmed.toUpperCase(Locale.ROOT).replace(".", "") : null;
    }

    /** The folded words of the filter. */
    public String[] words() {
        return words.clone();
    }

    /** Whether {@code code} starts with the filter read as a code (J18 → J18, J18.0 …; dots ignored). */
    public boolean matchesCode(String code) {
        if (codePrefix == null) {
            return false;
        }
        int matched = 0;
        for (int i = 0; i < code.length() && matched < codePrefix.length(); i++) {
            char c = code.charAt(i);
            if (c == '.') {
                continue;
            }
            if (Character.toUpperCase(c) != codePrefix.charAt(matched)) {
                return false;
            }
            matched++;
        }
        return matched == codePrefix.length();
    }

    public boolean isEmpty() {
        return words.length == 0 && codePrefix == null;
    }

    /** 0 best (the code starts with the filter) … 3, or {@link #NO_MATCH}. */
    public int rank(String code, IndexedConcept concept) {
        if (matchesCode(code)) {
            return 0;
        }
        if (concept == null || words.length == 0) {
            return NO_MATCH;
        }
        String[] displayWords = concept.words();
        boolean allWhole = true;
        for (String w : words) {
            boolean whole = false;
            boolean prefix = false;
            for (String d : displayWords) {
                if (d.startsWith(w)) {
                    prefix = true;
                    if (d.length() == w.length()) {
                        whole = true;
                        break;
                    }
                }
            }
            if (!prefix) {
                return NO_MATCH;
            }
            allWhole &= whole;
        }
        if (startsWithPhrase(displayWords)) {
            return 1;
        }
        return allWhole ? 2 : 3;
    }

    /** The display's first words are the filter's words (the last one may be typed half). */
    private boolean startsWithPhrase(String[] displayWords) {
        if (displayWords.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            boolean last = i == words.length - 1;
            if (last ? !displayWords[i].startsWith(words[i]) : !displayWords[i].equals(words[i])) {
                return false;
            }
        }
        return true;
    }
}
