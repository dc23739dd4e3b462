package org.vnemr.emr.prescription;

import java.math.BigDecimal;

/** Numbers as doctors type them: "0,5", "0.5" and "1/2" are the same half tablet. */
final class Numbers {

    private Numbers() {
    }

    static BigDecimal decimal(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String s = typed.trim().replace(',', '.');
        try {
            int slash = s.indexOf('/');
            if (slash > 0) {
                BigDecimal top = new BigDecimal(s.substring(0, slash).trim());
                BigDecimal bottom = new BigDecimal(s.substring(slash + 1).trim());
                return bottom.signum() == 0 ? null : top.divide(bottom, 4, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros();
            }
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static Integer integer(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
