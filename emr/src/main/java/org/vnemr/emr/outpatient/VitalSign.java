package org.vnemr.emr.outpatient;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The vital signs of the visit screen with their LOINC codes and UCUM units (clinical-data.md), the range a human
 * value can have at all (outside it the value is a typing error and refused) and the usual adult range (outside it
 * the value is kept, with a warning for the doctor).
 */
enum VitalSign {
    PULSE("pulse", "Mạch", "8867-4", "/min", "lần/phút", "20", "250", "50", "120"),
    SYSTOLIC("systolic", "Huyết áp tâm thu", "8480-6", "mm[Hg]", "mmHg", "50", "300", "90", "140"),
    DIASTOLIC("diastolic", "Huyết áp tâm trương", "8462-4", "mm[Hg]", "mmHg", "20", "200", "60", "90"),
    TEMPERATURE("temperature", "Nhiệt độ", "8310-5", "Cel", "°C", "30", "45", "36", "37.5"),
    RESPIRATION("respiration", "Nhịp thở", "9279-1", "/min", "lần/phút", "4", "80", "12", "24"),
    WEIGHT("weight", "Cân nặng", "29463-7", "kg", "kg", "0.3", "300", null, null),
    HEIGHT("height", "Chiều cao", "8302-2", "cm", "cm", "30", "250", null, null),
    SPO2("spo2", "SpO2", "59408-5", "%", "%", "50", "100", "95", null),
    BMI("bmi", "BMI", "39156-5", "kg/m2", "kg/m²", null, null, "18.5", "25");

    /** Blood pressure panel holding systolic and diastolic as components. */
    static final String BP_PANEL = "85354-9";

    private final String field;
    private final String label;
    private final String loinc;
    private final String ucum;
    private final String unitShown;
    private final BigDecimal min;
    private final BigDecimal max;
    private final BigDecimal usualLow;
    private final BigDecimal usualHigh;

    VitalSign(String field, String label, String loinc, String ucum, String unitShown, String min, String max,
              String usualLow, String usualHigh) {
        this.field = field;
        this.label = label;
        this.loinc = loinc;
        this.ucum = ucum;
        this.unitShown = unitShown;
        this.min = min == null ? null : new BigDecimal(min);
        this.max = max == null ? null : new BigDecimal(max);
        this.usualLow = usualLow == null ? null : new BigDecimal(usualLow);
        this.usualHigh = usualHigh == null ? null : new BigDecimal(usualHigh);
    }

    /** The form field name (and element id). */
    String field() {
        return field;
    }

    String label() {
        return label;
    }

    String loinc() {
        return loinc;
    }

    String ucum() {
        return ucum;
    }

    String unitShown() {
        return unitShown;
    }

    /** Whether a person can have this value at all. */
    boolean possible(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    String min() {
        return min == null ? "" : min.toPlainString();
    }

    String max() {
        return max == null ? "" : max.toPlainString();
    }

    /** A warning when the value is possible but outside the usual adult range. */
    Optional<String> warning(BigDecimal value) {
        if (usualLow != null && value.compareTo(usualLow) < 0) {
            return Optional.of(label + " thấp (" + value.stripTrailingZeros().toPlainString() + " " + unitShown
                    + ")");
        }
        if (usualHigh != null && value.compareTo(usualHigh) >= 0 && this != SPO2) {
            return Optional.of(label + " cao (" + value.stripTrailingZeros().toPlainString() + " " + unitShown
                    + ")");
        }
        return Optional.empty();
    }
}
