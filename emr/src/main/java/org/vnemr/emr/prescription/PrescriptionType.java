package org.vnemr.emr.prescription;

import java.util.Arrays;
import java.util.Optional;

/**
 * Loại đơn thuốc (TT 26/2025 PL I): decides the last character of the national code, the longest course allowed
 * and the {@code MedicationRequest.courseOfTherapyType} text of the clinical-data contract.
 */
public enum PrescriptionType {

    /** Đơn thuốc thông thường ("đơn khác"): at most 30 days per drug. */
    ORDINARY('c', "thuong", 30),
    /** Đơn thuốc gây nghiện: at most 7 days for an acute disease (TT 26 Đ6). */
    NARCOTIC('n', "gay-nghien", 7),
    /** Đơn thuốc hướng thần, tiền chất: the 30-day limit of an ordinary prescription. */
    PSYCHOTROPIC('h', "huong-than", 30);

    private final char suffix;
    private final String code;
    private final int maxDays;

    PrescriptionType(char suffix, String code, int maxDays) {
        this.suffix = suffix;
        this.code = code;
        this.maxDays = maxDays;
    }

    /** The character after the hyphen of the national code. */
    public char suffix() {
        return suffix;
    }

    /** The text stored in {@code courseOfTherapyType} and sent as the form value. */
    public String code() {
        return code;
    }

    public int maxDays() {
        return maxDays;
    }

    public static Optional<PrescriptionType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
