package org.vnemr.emr.inpatient;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** Ngày giờ nhập trên biểu mẫu: {@code datetime-local} and {@code date} inputs, refused next to the field. */
final class Times {

    private Times() {
    }

    static LocalDateTime parse(String value, String field, FormErrors errors) {
        try {
            return LocalDateTime.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "VNEMR-6311");
            return null;
        }
    }

    static LocalDate parseDay(String value, String field, FormErrors errors) {
        try {
            return LocalDate.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "VNEMR-6311");
            return null;
        }
    }
}
