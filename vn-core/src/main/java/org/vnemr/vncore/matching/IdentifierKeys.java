package org.vnemr.vncore.matching;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalised identifier values for matching: one patient's CCCD, BHYT/BHXH number or passport, written the
 * same way whatever form the clerk or the card reader gave. Spaces, dots and dashes are removed and letters
 * upper-cased; a BHYT card is reduced to what identifies the person:
 * <ul>
 *   <li>12 digits — the CCCD (cards issued from 15/8/2025 carry it; VN Core examples put the same number in
 *       the CCCD and BHYT slices), so it matches a CCCD identifier;</li>
 *   <li>10 digits — mã số BHXH;</li>
 *   <li>legacy 15 characters (2 letters, 1 benefit digit, 2 province digits, 10 digits, e.g.
 *       {@code HT4790123456789}) — its last 10 digits are the mã số BHXH.</li>
 * </ul>
 * The full identity parsers (check digits, card types) live elsewhere in vn-core; this class only needs
 * the comparable value. A key is {@code KIND:value}, e.g. {@code CCCD:079190001234}, {@code BHXH:0123456789}.
 */
public final class IdentifierKeys {

    public static final String CCCD_SYSTEM = "http://fhir.hl7.org.vn/core/sid/cccd";
    public static final String BHYT_SYSTEM = "http://fhir.hl7.org.vn/core/sid/bhyt";
    public static final String PASSPORT_SYSTEM = "http://fhir.hl7.org.vn/core/sid/passport";
    public static final String CMND_SYSTEM = "http://fhir.hl7.org.vn/core/sid/cmnd";

    private static final Pattern NOISE = Pattern.compile("[\\s.\\-_/]+");
    private static final Pattern DIGITS_12 = Pattern.compile("\\d{12}");
    private static final Pattern DIGITS_10 = Pattern.compile("\\d{10}");
    private static final Pattern LEGACY_BHYT = Pattern.compile("[A-Z]{2}\\d{13}");

    private IdentifierKeys() {
    }

    /** The value without spaces, dots and dashes, upper case; {@code null} stays {@code null}. */
    public static String normalise(String value) {
        return value == null ? null : NOISE.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** The matching key of one identifier, or empty when its system does not identify a person for us. */
    public static Optional<String> key(String system, String value) {
        String v = normalise(value);
        if (system == null || v == null || v.isEmpty()) {
            return Optional.empty();
        }
        return switch (system) {
            case CCCD_SYSTEM -> Optional.of("CCCD:" + v);
            case BHYT_SYSTEM -> Optional.of(bhytKey(v));
            case PASSPORT_SYSTEM -> Optional.of("PASSPORT:" + v);
            case CMND_SYSTEM -> Optional.of("CMND:" + v);
            default -> Optional.empty();
        };
    }

    private static String bhytKey(String v) {
        if (DIGITS_12.matcher(v).matches()) {
            return "CCCD:" + v;
        }
        if (DIGITS_10.matcher(v).matches()) {
            return "BHXH:" + v;
        }
        if (LEGACY_BHYT.matcher(v).matches()) {
            return "BHXH:" + v.substring(5);
        }
        return "BHYT:" + v;
    }

    /** The kind part of a key ({@code CCCD}, {@code BHXH}, {@code BHYT}, {@code PASSPORT}, {@code CMND}). */
    public static String kindOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }
}
