package org.vnemr.terminology.catalogue;

import org.vnemr.fhir.text.VietnameseText;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One column of a catalogue spreadsheet. {@code name} is the Ministry/BHXH field name (e.g. {@code HAM_LUONG});
 * it is also the key of the value in {@link CatalogueEntry#fields()} and the CodeSystem property code, so the
 * XML 130 export finds the field under the name it writes. A file's header cell matches when it equals the name
 * or one of the aliases after {@linkplain #headerKey folding} (case, diacritics, spaces and punctuation ignored):
 * {@code "Mã thuốc"}, {@code "MA_THUOC"} and {@code "ma thuoc"} are the same column.
 *
 * @param maxLength longest text accepted (XML 130 field sizes); 0 = no limit
 * @param format    pattern the whole text must match, or null
 * @param formatText how {@code format} is explained in the error message (Vietnamese)
 */
record Column(String name, Type type, boolean required, int maxLength, Pattern format, String formatText,
              List<String> aliases) {

    /** What a cell must hold. */
    enum Type {
        /** The code column that identifies the row. */
        CODE,
        /** The entry's name. */
        DISPLAY,
        TEXT,
        /** Non-negative decimal with '.', at most 3 decimals (prices). */
        DECIMAL,
        /** Number from 0 to 100 (payment ratio, benefit level). */
        RATIO,
        DATE
    }

    Column {
        aliases = List.copyOf(aliases);
    }

    static Column of(String name, Type type, boolean required, int maxLength, String... aliases) {
        return new Column(name, type, required, maxLength, null, null, List.of(aliases));
    }

    /** The same column, whose text must match {@code regex} (explained to the user as {@code text}). */
    Column format(String regex, String text) {
        return new Column(name, type, required, maxLength, Pattern.compile(regex), text, aliases);
    }

    /** Whether a header cell names this column. */
    boolean matches(String header) {
        String key = headerKey(header);
        if (key.isEmpty()) {
            return false;
        }
        if (key.equals(headerKey(name))) {
            return true;
        }
        return aliases.stream().anyMatch(a -> headerKey(a).equals(key));
    }

    /** Header text folded to lower-case ASCII letters and digits ("Mã hoạt chất" → "mahoatchat"). */
    static String headerKey(String header) {
        if (header == null) {
            return "";
        }
        return VietnameseText.fold(header).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
