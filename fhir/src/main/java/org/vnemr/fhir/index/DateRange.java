package org.vnemr.fhir.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The instant range {@code [low, high)} that a FHIR date, dateTime or instant covers at its precision:
 * {@code 2024} is the whole year, {@code 2024-03-05T10:15} that minute. Values without an offset are read
 * in the facility's zone ({@link #FACILITY_ZONE}, Asia/Ho_Chi_Minh), both when indexing and when searching,
 * so that {@code birthdate=1990-01-01} finds a patient born that day in Việt Nam.
 *
 * @param low  inclusive start
 * @param high exclusive end
 */
public record DateRange(Instant low, Instant high) {

    public static final ZoneId FACILITY_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})$");

    /** Unbounded start / end (a Period without start or end). */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Parses a FHIR date/dateTime/instant (also with seconds fractions); throws {@link IllegalArgumentException}
     * with a readable message on anything else.
     */
    public static DateRange parse(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty date");
        }
        String v = value.strip();
        try {
            if (YEAR.matcher(v).matches()) {
                LocalDate start = LocalDate.of(Integer.parseInt(v), 1, 1);
                return new DateRange(start.atStartOfDay(zone).toInstant(), start.plusYears(1).atStartOfDay(zone).toInstant());
            }
            if (YEAR_MONTH.matcher(v).matches()) {
                YearMonth ym = YearMonth.parse(v);
                return new DateRange(ym.atDay(1).atStartOfDay(zone).toInstant(),
                        ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
            }
            if (DATE.matcher(v).matches()) {
                LocalDate day = LocalDate.parse(v);
                return new DateRange(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
            }
            int t = v.indexOf('T');
            if (t < 0) {
                throw new IllegalArgumentException("not a FHIR date: " + value);
            }
            String time = HAS_OFFSET.matcher(v).matches() ? v.replaceFirst("(Z|[+-]\\d{2}:\\d{2})$", "") : v;
            String timePart = time.substring(t + 1);
            // precision: hh:mm, hh:mm:ss, hh:mm:ss.fff…
            long widthNanos;
            String normalised = time;
            if (timePart.length() == 5) {
                widthNanos = 60_000_000_000L;
                normalised = time + ":00";
            } else if (timePart.length() == 8) {
                widthNanos = 1_000_000_000L;
            } else {
                int fraction = timePart.length() - 9;
                if (fraction < 1 || fraction > 9) {
                    throw new IllegalArgumentException("not a FHIR dateTime: " + value);
                }
                widthNanos = (long) Math.pow(10, 9 - fraction);
            }
            Instant start;
            if (HAS_OFFSET.matcher(v).matches()) {
                String offset = v.substring(time.length());
                start = OffsetDateTime.parse(normalised + offset).toInstant();
            } else {
                start = LocalDateTime.parse(normalised).atZone(zone).toInstant();
            }
            return new DateRange(start, start.plusNanos(widthNanos));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a FHIR date: " + value, e);
        }
    }

    public static DateRange parse(String value) {
        return parse(value, FACILITY_ZONE);
    }
}
