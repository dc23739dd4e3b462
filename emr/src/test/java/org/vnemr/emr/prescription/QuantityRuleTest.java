package org.vnemr.emr.prescription;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityRuleTest {

    @Test
    void wholeDoses_multiplyDoseTimesPerDayAndDays() {
        assertThat(QuantityRule.quantity(new BigDecimal("1"), 2, 7)).isEqualByComparingTo("14");
        assertThat(QuantityRule.quantity(new BigDecimal("2"), 3, 5)).isEqualByComparingTo("30");
    }

    @Test
    void aFractionalTotal_isRoundedUpToWholeDispensingUnits() {
        // ½ viên × 3 lần × 5 ngày = 7,5 viên: the patient gets 8, never 7
        assertThat(QuantityRule.quantity(new BigDecimal("0.5"), 3, 5)).isEqualByComparingTo("8");
        assertThat(QuantityRule.quantity(new BigDecimal("0.25"), 1, 3)).isEqualByComparingTo("1");
    }

    @Test
    void amountsPerTimeOfDay_areSummedPerDay() {
        // sáng 1 + tối ½ = 1,5 viên/ngày × 5 ngày = 7,5 → 8
        assertThat(QuantityRule.dailyTotal(new BigDecimal("1.5"), 5)).isEqualByComparingTo("8");
    }

    @Test
    void typedNumbers_acceptCommaDecimalsAndFractions() {
        assertThat(Numbers.decimal("0,5")).isEqualByComparingTo("0.5");
        assertThat(Numbers.decimal("1/2")).isEqualByComparingTo("0.5");
        assertThat(Numbers.decimal("abc")).isNull();
        assertThat(Numbers.decimal("1/0")).isNull();
    }
}
