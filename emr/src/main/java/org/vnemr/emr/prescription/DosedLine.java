package org.vnemr.emr.prescription;

import java.math.BigDecimal;
import java.util.List;

/**
 * A checked prescription line: the drug, how it is taken and how much is handed out.
 *
 * @param dose         amount per take (null when amounts per time of day are given)
 * @param timesOfDay   amounts for sáng, trưa, chiều, tối (nulls for times not used), or empty
 * @param computed     what {@link QuantityRule} gives
 * @param quantity     what is dispensed: {@code computed}, or the doctor's override (then {@code overrideReason})
 */
public record DosedLine(Drug drug, BigDecimal dose, int timesPerDay, List<BigDecimal> timesOfDay, int days,
                        String routeCode, String routeName, String note, BigDecimal computed, BigDecimal quantity,
                        String overrideReason) {

    /** Vietnamese times of day, in the order of {@link #timesOfDay}. */
    static final List<String> TIME_NAMES = List.of("sáng", "trưa", "chiều", "tối");

    public boolean overridden() {
        return overrideReason != null;
    }

    /** The sig printed on the paper, e.g. "Uống, mỗi lần 1 Viên, ngày 2 lần, trong 7 ngày". */
    public String sig() {
        StringBuilder s = new StringBuilder(routeName == null ? "" : routeName);
        String unit = drug.unit() == null ? "" : " " + drug.unit();
        if (timesOfDay.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append("mỗi lần ").append(plain(dose)).append(unit)
                    .append(", ngày ").append(timesPerDay).append(" lần");
        } else {
            for (int i = 0; i < TIME_NAMES.size(); i++) {
                if (timesOfDay.get(i) != null) {
                    s.append(s.isEmpty() ? "" : ", ").append(TIME_NAMES.get(i)).append(' ')
                            .append(plain(timesOfDay.get(i))).append(unit);
                }
            }
        }
        s.append(", trong ").append(days).append(" ngày");
        if (note != null && !note.isBlank()) {
            s.append(" (").append(note.trim()).append(')');
        }
        return s.toString();
    }

    static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
