package org.vnemr.emr.charges;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The split of one charge line as the QĐ 130/3176 formulas give it, rounded to whole đồng. */
class ChargeSplitTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static void assertSplit(ChargeSplit s, long total, long bhyt, long patient, long outOfScope) {
        assertThat(s.total()).isEqualByComparingTo(BigDecimal.valueOf(total));
        assertThat(s.bhyt()).isEqualByComparingTo(BigDecimal.valueOf(bhyt));
        assertThat(s.patient()).isEqualByComparingTo(BigDecimal.valueOf(patient));
        assertThat(s.outOfScope()).isEqualByComparingTo(BigDecimal.valueOf(outOfScope));
        assertThat(s.bhyt().add(s.patient()).add(s.outOfScope())).isEqualByComparingTo(s.total());
    }

    @Test
    void benefit80_fundPays80PercentOfTheBhytPriceAndTheDifferenceAboveItIsOutOfScope() {
        // DON_GIA_BH 43 900, DON_GIA_BV 45 000: THANH_TIEN_BH 43 900, T_BHTT 35 120, T_BNCCT 8 780, T_BNTT 1 100
        assertSplit(ChargeSplit.of(d("45000"), d("43900"), null, BigDecimal.ONE, 80), 45000, 35120, 8780, 1100);
    }

    @Test
    void benefit95_patientCoPaysFivePercent() {
        assertSplit(ChargeSplit.of(d("45000"), d("43900"), d("100"), BigDecimal.ONE, 95), 45000, 41705, 2195, 1100);
    }

    @Test
    void benefit100_onlyThePriceAboveTheBhytPriceIsLeft() {
        assertSplit(ChargeSplit.of(d("45000"), d("43900"), d("100"), d("2"), 100), 90000, 87800, 0, 2200);
    }

    @Test
    void aPaymentRatioBelow100_leavesTheRestOutOfScope() {
        // insulin: BH 215 000.5 × 2 × 50 % = 215 000.5 → 215 001; at 80 %: 172 001 (172 000.8 rounded)
        ChargeSplit s = ChargeSplit.of(d("230000"), d("215000.5"), d("50"), d("2"), 80);
        assertSplit(s, 460000, 172001, 43000, 244999);
        assertThat(s.covered()).isEqualByComparingTo("215001");
    }

    @Test
    void noValidCard_everythingIsOutOfScope() {
        assertSplit(ChargeSplit.of(d("45000"), d("43900"), null, BigDecimal.ONE, null), 45000, 0, 0, 45000);
    }

    @Test
    void withoutAFacilityPrice_theBhytPriceIsCharged() {
        assertSplit(ChargeSplit.of(null, d("850"), null, d("3"), 80), 2550, 2040, 510, 0);
    }

    @Test
    void aFacilityPriceBelowTheBhytPrice_neverMakesTheFundPayMoreThanCharged() {
        assertSplit(ChargeSplit.of(d("40000"), d("43900"), null, BigDecimal.ONE, 100), 40000, 40000, 0, 0);
    }

    @Test
    void halfADong_isRoundedUp() {
        // 3 × 333.5 = 1 000.5 → 1 001; 80 % of it 800.8 → 801
        assertSplit(ChargeSplit.of(d("333.5"), d("333.5"), null, d("3"), 80), 1001, 801, 200, 0);
    }

    @Test
    void noPriceAtAll_isRefused() {
        assertThatThrownBy(() -> ChargeSplit.of(null, null, null, BigDecimal.ONE, 80))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCardsBenefitDigit_givesTheLevel() {
        assertThat(ChargeSplit.benefitFromCardDigit(4)).isEqualTo(80);
        assertThat(ChargeSplit.benefitFromCardDigit(3)).isEqualTo(95);
        assertThat(ChargeSplit.benefitFromCardDigit(1)).isEqualTo(100);
        assertThat(ChargeSplit.benefitFromCardDigit(null)).isNull();
    }
}
