package org.vnemr.platform.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Che số định danh (Luật 91/2025): identity numbers shown in lists, audit screens and logs keep only their last
 * digits — enough for a person to recognise "their" card, not enough to reuse it. CCCD (12 digits) and long digit
 * runs keep the last 4, BHYT card numbers (2 letters + 13 digits) their 2-letter kind and last 4, phone numbers the
 * last 3, passports (a letter + 7–8 digits) the last 3. {@link #maskIn} finds such numbers inside free text (a search
 * string, a log line) and masks each; short numbers (ids, counts, dates) are left alone.
 */
public final class IdMasking {

    private static final char MASK = '•';
    // BHYT first: its digits would otherwise be taken for a plain digit run
    private static final Pattern BHYT = Pattern.compile("\\b([A-Z]{2})([0-9]{13})\\b");
    private static final Pattern PASSPORT = Pattern.compile("\\b([A-Z])([0-9]{7,8})\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(?:\\+84|0)[0-9]{9,10}(?![0-9])");
    private static final Pattern DIGITS = Pattern.compile("(?<![0-9])[0-9]{8,}(?![0-9])");

    private IdMasking() {
    }

    /** A CCCD/CMND or any other number: all but the last 4 characters masked. */
    public static String identity(String value) {
        return keepLast(value, 4);
    }

    public static String bhyt(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 6 ? keepLast(value, 2) : value.substring(0, 2) + keepLast(value.substring(2), 4);
    }

    public static String phone(String value) {
        return keepLast(value, 3);
    }

    public static String passport(String value) {
        return keepLast(value, 3);
    }

    /** Masks every identity-like number inside {@code text}. */
    public static String maskIn(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(BHYT, text, m -> m.group(1) + keepLast(m.group(2), 4));
        out = replace(PASSPORT, out, m -> m.group(1) + keepLast(m.group(2), 3));
        out = replace(PHONE, out, m -> keepLast(m.group(), 3));
        return replace(DIGITS, out, m -> keepLast(m.group(), 4));
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String keepLast(String value, int keep) {
        if (value == null) {
            return null;
        }
        int masked = Math.max(0, value.length() - keep);
        if (masked == 0) {
            return String.valueOf(MASK).repeat(value.length());
        }
        return String.valueOf(MASK).repeat(masked) + value.substring(masked);
    }
}
