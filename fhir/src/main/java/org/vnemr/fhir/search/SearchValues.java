package org.vnemr.fhir.search;

import java.util.ArrayList;
import java.util.List;

/** Lexical helpers for FHIR search values: escaped separators, prefixes and LIKE patterns. */
final class SearchValues {

    private SearchValues() {
    }

    /**
     * Splits on {@code separator} unless it is escaped with a backslash ({@code a\,b} is one value); the
     * parts keep their escapes, so a later split on another separator still sees them.
     */
    static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** Removes the search escapes {@code \, \| \$ \\}. */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes the LIKE wildcards and the escape character itself, for PostgreSQL's default {@code \} escape. */
    static String escapeLike(String value) {
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The two-letter comparison prefixes of date, number and quantity values. */
    enum Prefix {
        EQ, NE, LT, LE, GT, GE, SA, EB, AP;

        /** The prefix at the start of {@code value}, or {@code null} when it has none (then eq applies). */
        static Prefix of(String value) {
            if (value.length() >= 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
                String head = value.substring(0, 2);
                for (Prefix p : values()) {
                    if (p.name().equalsIgnoreCase(head) && head.equals(head.toLowerCase(java.util.Locale.ROOT))) {
                        return p;
                    }
                }
            }
            return null;
        }
    }
}
