package org.vnemr.emr.charges;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Phân chia chi phí của một dòng: who pays what of one charge, with the formulas of QĐ 130/3176 XML2/XML3 so that
 * the insurance export reads the same numbers:
 * <ul>
 *   <li>{@code total} = THANH_TIEN_BV = quantity × facility unit price (the BHYT price when the catalogue gives no
 *       facility price);</li>
 *   <li>covered part = THANH_TIEN_BH = quantity × BHYT unit price × TYLE_TT_BH / 100, never more than the total;
 *       zero without a card valid on the day or when the catalogue gives no BHYT price;</li>
 *   <li>{@code bhyt} = T_BHTT = covered part × mức hưởng / 100;</li>
 *   <li>{@code patient} = T_BNCCT = covered part − T_BHTT (the co-payment inside the benefit);</li>
 *   <li>{@code outOfScope} = T_BNTT = THANH_TIEN_BV − THANH_TIEN_BH (price above the BHYT price, the part outside
 *       the payment ratio, or everything without a valid card).</li>
 * </ul>
 * Rounding: VND has no minor unit in practice, so THANH_TIEN_BV, THANH_TIEN_BH and T_BHTT are each rounded to whole
 * đồng HALF_UP at the line level, and T_BNCCT and T_BNTT are their differences — the three parts always add up to
 * the total exactly. (The XML allows 2 decimals; whole đồng are a valid value of it.)
 * Other sources (T_NGUONKHAC) are not split here: the cashier has none to record yet.
 */
public record ChargeSplit(BigDecimal total, BigDecimal covered, BigDecimal bhyt, BigDecimal patient,
                          BigDecimal outOfScope) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Nothing to pay. */
    public static final ChargeSplit ZERO = new ChargeSplit(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * @param servicePrice facility unit price (DON_GIA_BV), may be null
     * @param bhytPrice    BHYT unit price (DON_GIA_BH), may be null (then nothing is covered)
     * @param paymentRatio TYLE_TT_BH in percent (null = 100)
     * @param quantity     SO_LUONG
     * @param benefitLevel mức hưởng 0–100 of a card valid on the day, or null without one (self-pay)
     * @throws IllegalArgumentException when neither price is known
     */
    public static ChargeSplit of(BigDecimal servicePrice, BigDecimal bhytPrice, BigDecimal paymentRatio,
                                 BigDecimal quantity, Integer benefitLevel) {
        BigDecimal unit = servicePrice != null ? servicePrice : bhytPrice;
        if (unit == null) {
            throw new IllegalArgumentException("no price");
        }
        BigDecimal total = whole(quantity.multiply(unit));
        BigDecimal covered = BigDecimal.ZERO;
        if (benefitLevel != null && bhytPrice != null) {
            BigDecimal ratio = paymentRatio == null ? HUNDRED : paymentRatio;
            covered = whole(quantity.multiply(bhytPrice).multiply(ratio).divide(HUNDRED));
            if (covered.compareTo(total) > 0) {
                // a facility price below the BHYT price: the fund never pays more than was charged
                covered = total;
            }
        }
        BigDecimal bhyt = benefitLevel == null ? BigDecimal.ZERO
                : whole(covered.multiply(BigDecimal.valueOf(benefitLevel)).divide(HUNDRED));
        return new ChargeSplit(total, covered, bhyt, covered.subtract(bhyt), total.subtract(covered));
    }

    /** What the patient pays now: the co-payment and the out-of-scope part. */
    public BigDecimal patientPays() {
        return patient.add(outOfScope);
    }

    /** The amounts written the Vietnamese way, for the screens. */
    public String totalShown() {
        return Bill.money(total);
    }

    public String bhytShown() {
        return Bill.money(bhyt);
    }

    public String patientShown() {
        return Bill.money(patient);
    }

    public String outOfScopeShown() {
        return Bill.money(outOfScope);
    }

    public ChargeSplit plus(ChargeSplit other) {
        return new ChargeSplit(total.add(other.total), covered.add(other.covered), bhyt.add(other.bhyt),
                patient.add(other.patient), outOfScope.add(other.outOfScope));
    }

    static BigDecimal whole(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_UP);
    }

    /**
     * Mức hưởng from the third character of a 15-character card (Luật BHYT Điều 22): 1, 2 and 5 → 100 %, 3 → 95 %,
     * 4 → 80 %; null when the digit is unknown (the clerk then picks the level).
     */
    public static Integer benefitFromCardDigit(Integer digit) {
        if (digit == null) {
            return null;
        }
        return switch (digit) {
            case 1, 2, 5 -> 100;
            case 3 -> 95;
            case 4 -> 80;
            default -> null;
        };
    }
}
