package org.vnemr.emr.prescription;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Mã đơn thuốc quốc gia {@code xxxxxyyyyyyy-z} (NATIONAL-FORMATS §3.2): the facility's 5-character mã CSKCB, 7
 * characters {@code [0-9a-z]} unique within the facility, a hyphen, and the prescription type ({@code c}, {@code n},
 * {@code h}). The 7 characters come from the facility's database sequence, spread over the 36⁷ possible values by
 * multiplying with a constant that shares no factor with 36⁷: a bijection, so two numbers never give the same
 * characters, yet consecutive prescriptions do not get guessable neighbouring codes.
 */
public final class PrescriptionCode {

    /** 36⁷: how many distinct middle parts exist. */
    static final BigInteger SPACE = BigInteger.valueOf(36).pow(7);
    /** Odd and not a multiple of 3, so coprime to 36⁷ = 2¹⁴·3¹⁴: multiplication modulo 36⁷ is a bijection. */
    private static final BigInteger SPREAD = BigInteger.valueOf(48_271_212_377L);
    private static final Pattern FORMAT = Pattern.compile("[0-9A-Za-z]{5}[0-9a-z]{7}-[cnh]");
    private static final Pattern FACILITY = Pattern.compile("[0-9A-Za-z]{5}");

    private PrescriptionCode() {
    }

    /**
     * The code of prescription number {@code number} of the facility.
     *
     * @throws IllegalArgumentException when the facility code is not 5 characters or the number is out of range
     */
    public static String of(String facilityCode, long number, PrescriptionType type) {
        if (facilityCode == null || !FACILITY.matcher(facilityCode).matches()) {
            throw new IllegalArgumentException("facility code must be 5 characters: " + facilityCode);
        }
        BigInteger n = BigInteger.valueOf(number);
        if (n.signum() <= 0 || n.compareTo(SPACE) >= 0) {
            throw new IllegalArgumentException("prescription number out of range: " + number);
        }
        String middle = n.multiply(SPREAD).mod(SPACE).toString(36);
        return facilityCode + "0".repeat(7 - middle.length()) + middle + "-" + type.suffix();
    }

    /** Whether {@code code} has the national shape (14 characters counting the hyphen). */
    public static boolean isValid(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }
}
