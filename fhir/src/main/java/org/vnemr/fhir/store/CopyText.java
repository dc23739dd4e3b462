package org.vnemr.fhir.store;

import java.math.BigDecimal;
import java.time.Instant;

/** PostgreSQL COPY text format: tab-separated fields, {@code \N} for NULL, arrays as {@code {"a","b"}}. */
final class CopyText {

    private CopyText() {
    }

    static void field(StringBuilder out, String value, boolean first) {
        if (!first) {
            out.append('\t');
        }
        if (value == null) {
            out.append("\\N");
        } else {
            escape(out, value);
        }
    }

    static void value(StringBuilder out, String sqlType, Object value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
            return;
        }
        switch (sqlType) {
            case "text[]" -> {
                StringBuilder array = new StringBuilder("{");
                Object[] items = (Object[]) value;
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) {
                        array.append(',');
                    }
                    array.append('"');
                    String s = (String) items[i];
                    if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
                        array.append(s);
                    } else {
                        for (int k = 0; k < s.length(); k++) {
                            char ch = s.charAt(k);
                            if (ch == '"' || ch == '\\') {
                                array.append('\\');
                            }
                            array.append(ch);
                        }
                    }
                    array.append('"');
                }
                escape(out, array.append('}').toString());
            }
            case "numeric[]" -> {
                out.append('{');
                BigDecimal[] items = (BigDecimal[]) value;
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(items[i].toPlainString());
                }
                out.append('}');
            }
            case "timestamptz" -> out.append(((Instant) value).toString());
            default -> escape(out, (String) value);
        }
    }

    /** Appends {@code value} escaped for COPY text; copies runs without special characters in one go. */
    private static void escape(StringBuilder out, String value) {
        int length = value.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                out.append(value, start, i);
                out.append(switch (c) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    default -> "\\r";
                });
                start = i + 1;
            }
        }
        out.append(value, start, length);
    }
}
