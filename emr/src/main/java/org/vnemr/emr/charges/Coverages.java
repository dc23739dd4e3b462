package org.vnemr.emr.charges;

import org.hl7.fhir.r4.model.Coverage;

import java.time.LocalDate;
import java.time.ZoneId;

/** Reading an insurance card as the contract stores it: validity in {@code period}, mức hưởng in a class. */
public final class Coverages {

    /** The type text of the Coverage class holding the benefit level (80/95/100). */
    public static final String BENEFIT_CLASS = "muc-huong";
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private Coverages() {
    }

    /** Mức hưởng in percent, or null when the card does not record one. */
    public static Integer benefitLevel(Coverage coverage) {
        for (Coverage.ClassComponent c : coverage.getClass_()) {
            if (BENEFIT_CLASS.equals(c.getType().getText())) {
                try {
                    return Integer.valueOf(c.getValue().strip());
                } catch (NumberFormatException | NullPointerException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether the card is active and its validity period covers {@code day} (Vietnam dates, both ends included). */
    public static boolean validOn(Coverage coverage, LocalDate day) {
        if (coverage.getStatus() != Coverage.CoverageStatus.ACTIVE) {
            return false;
        }
        LocalDate from = day(coverage.getPeriod().getStartElement().getValueAsString());
        LocalDate to = day(coverage.getPeriod().getEndElement().getValueAsString());
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** The calendar day as written (a card's dates are days; a dateTime is read in its own offset). */
    private static LocalDate day(String text) {
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }
}
