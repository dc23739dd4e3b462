package org.vnemr.bhyt.xml130;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text formats of QĐ 130/4750/3176 (NATIONAL-FORMATS §1.5): times {@code yyyyMMddHHmm} in Vietnam time, dates
 * {@code yyyyMMdd}, numbers with a {@code .} and no grouping, rounded half-up to the field's decimals then written
 * without trailing zeros (so reading and writing again gives the same text), lists joined by {@code ;}.
 */
public final class Xml130Values {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private Xml130Values() {
    }

    public static String text(String value) {
        return value == null ? "" : value;
    }

    public static String whole(Number value) {
        return value == null ? "" : Long.toString(value.longValue());
    }

    /** Rounded half-up to {@code decimals}, plain notation, trailing zeros dropped ({@code 12000.50} → {@code 12000.5}). */
    public static String decimal(BigDecimal value, int decimals) {
        if (value == null) {
            return "";
        }
        BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        return rounded.toPlainString();
    }

    public static BigDecimal round(BigDecimal value, int decimals) {
        return value == null ? null : value.setScale(decimals, RoundingMode.HALF_UP);
    }

    public static BigDecimal parseDecimal(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
    }

    public static Integer parseInteger(String text) {
        return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
    }

    public static Long parseLong(String text) {
        return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
    }

    public static String timestamp(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(VIETNAM).format(TIMESTAMP);
    }

    public static String timestamp(java.util.Date time) {
        return time == null ? "" : ZonedDateTime.ofInstant(time.toInstant(), VIETNAM).format(TIMESTAMP);
    }

    public static String date(LocalDate date) {
        return date == null ? "" : date.format(DATE);
    }

    public static String date(java.util.Date time) {
        return time == null ? "" : ZonedDateTime.ofInstant(time.toInstant(), VIETNAM).toLocalDate().format(DATE);
    }

    /** {@code yyyyMMddHHmm} as a Vietnam-time instant; empty for blank text. */
    public static java.util.Optional<ZonedDateTime> parseTimestamp(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(LocalDateTime.parse(text, TIMESTAMP).atZone(VIETNAM));
    }

    public static java.util.Optional<LocalDate> parseDate(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(LocalDate.parse(text, DATE));
    }

    public static boolean isTimestamp(String text) {
        if (text == null || !text.matches("\\d{12}")) {
            return false;
        }
        try {
            LocalDateTime.parse(text, TIMESTAMP);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static boolean isDate(String text) {
        if (text == null || !text.matches("\\d{8}")) {
            return false;
        }
        try {
            LocalDate.parse(text, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Non-empty values joined by {@code ;}, order kept. */
    public static String list(Collection<String> values) {
        return values.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining(";"));
    }

    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(";")).map(String::trim).toList();
    }
}
