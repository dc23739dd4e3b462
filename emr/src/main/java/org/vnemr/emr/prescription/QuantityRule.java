package org.vnemr.emr.prescription;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Số lượng cấp: how many dispensing units (the catalogue's DON_VI_TINH: viên, chai, bút …) a line needs. A dose may
 * be a fraction (½ viên); the pharmacy hands out whole units, so the total is rounded <em>up</em>: the patient never
 * runs short on the last day. {@code quantity = ceil(dose per take × takes per day × days)}. When the doctor gives
 * amounts per time of day (sáng/trưa/chiều/tối) the daily amount is their sum.
 */
public final class QuantityRule {

    private QuantityRule() {
    }

    /** Whole units for {@code dose} per take, {@code timesPerDay} takes, {@code days} days. */
    public static BigDecimal quantity(BigDecimal dose, int timesPerDay, int days) {
        return dailyTotal(dose.multiply(BigDecimal.valueOf(timesPerDay)), days);
    }

    /** Whole units for a daily amount (e.g. sáng 1 + tối ½ = 1.5) over {@code days} days. */
    public static BigDecimal dailyTotal(BigDecimal perDay, int days) {
        return perDay.multiply(BigDecimal.valueOf(days)).setScale(0, RoundingMode.CEILING);
    }
}
