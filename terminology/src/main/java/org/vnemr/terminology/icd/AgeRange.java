package org.vnemr.terminology.icd;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A valid-age range of the ICD-10 VN age annexes (A3.1–A3.10), read from the annex heading, e.g. "tuổi hợp lệ:
 * 0 ngày – 2 tuổi", "trên 27 ngày tuổi", "1 tuổi trở lên". Kept in the CodeSystem as a short spec
 * ({@code 0d..2y}, {@code >27d..}, {@code 1y..}): a bound is a number of days ({@code d}) or completed years
 * ({@code y}); {@code >} makes the lower bound exclusive ("trên" = strictly older than).
 */
public record AgeRange(int lower, char lowerUnit, boolean lowerExclusive, Integer upper, char upperUnit) {

    private static final Pattern SPEC = Pattern.compile("(>)?(\\d+)([dy])\\.\\.(?:(\\d+)([dy]))?");
    private static final Pattern BETWEEN = Pattern.compile("(\\d+)\\s*(ngày|tuổi)?\\s*[-–—]\\s*(\\d+)\\s*(ngày|tuổi)");
    private static final Pattern OVER = Pattern.compile("trên\\s+(\\d+)\\s*(ngày|tuổi)");
    private static final Pattern AND_OVER = Pattern.compile("(\\d+)\\s*tuổi\\s+trở\\s+lên");

    /** The range named in an annex heading, or null when the heading names none. */
    public static AgeRange fromHeading(String heading) {
        String text = java.text.Normalizer.normalize(heading, java.text.Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Matcher m = BETWEEN.matcher(text);
        if (m.find()) {
            char upperUnit = unit(m.group(4));
            char lowerUnit = m.group(2) == null ? upperUnit : unit(m.group(2));
            return new AgeRange(Integer.parseInt(m.group(1)), lowerUnit, false, Integer.parseInt(m.group(3)), upperUnit);
        }
        m = OVER.matcher(text);
        if (m.find()) {
            char u = unit(m.group(2));
            return new AgeRange(Integer.parseInt(m.group(1)), u, true, null, u);
        }
        m = AND_OVER.matcher(text);
        if (m.find()) {
            return new AgeRange(Integer.parseInt(m.group(1)), 'y', false, null, 'y');
        }
        return null;
    }

    public static AgeRange parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("age range spec: " + spec);
        }
        char lowerUnit = m.group(3).charAt(0);
        return new AgeRange(Integer.parseInt(m.group(2)), lowerUnit, m.group(1) != null,
                m.group(4) == null ? null : Integer.parseInt(m.group(4)),
                m.group(5) == null ? lowerUnit : m.group(5).charAt(0));
    }

    private static char unit(String word) {
        return "ngày".equals(word) ? 'd' : 'y';
    }

    public String spec() {
        return (lowerExclusive ? ">" : "") + lower + lowerUnit + ".." + (upper == null ? "" : upper + "" + upperUnit);
    }

    /** Whether a patient born on {@code birthDate} is within the range on {@code on}. */
    public boolean contains(LocalDate birthDate, LocalDate on) {
        long days = ChronoUnit.DAYS.between(birthDate, on);
        int years = Period.between(birthDate, on).getYears();
        boolean lowerOk;
        if (lowerUnit == 'd') {
            lowerOk = lowerExclusive ? days > lower : days >= lower;
        } else {
            lowerOk = lowerExclusive ? on.isAfter(birthDate.plusYears(lower)) : years >= lower;
        }
        if (!lowerOk || upper == null) {
            return lowerOk;
        }
        return upperUnit == 'd' ? days <= upper : years <= upper;
    }

    public String describeVi() {
        String low = lower + (lowerUnit == 'd' ? " ngày" : " tuổi");
        if (upper == null) {
            return lowerExclusive ? "trên " + low + (lowerUnit == 'd' ? " tuổi" : "") : "từ " + low + " trở lên";
        }
        return "từ " + low + " đến " + upper + (upperUnit == 'd' ? " ngày tuổi" : " tuổi");
    }

    public String describeEn() {
        String low = lower + (lowerUnit == 'd' ? " days" : " years");
        if (upper == null) {
            return lowerExclusive ? "over " + low : low + " or older";
        }
        return "from " + low + " to " + upper + (upperUnit == 'd' ? " days" : " years");
    }

    /** The patient's age in words: days under one year, completed years after. */
    static String ageVi(LocalDate birthDate, LocalDate on) {
        int years = Period.between(birthDate, on).getYears();
        return years >= 1 ? years + " tuổi" : ChronoUnit.DAYS.between(birthDate, on) + " ngày tuổi";
    }

    static String ageEn(LocalDate birthDate, LocalDate on) {
        int years = Period.between(birthDate, on).getYears();
        return years >= 1 ? years + " years old" : ChronoUnit.DAYS.between(birthDate, on) + " days old";
    }
}
