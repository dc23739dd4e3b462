package org.vnemr.vncore.identity;

import org.vnemr.vncore.address.AdministrativeUnits;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * A personal identification number (số định danh cá nhân), printed on the CCCD / thẻ căn cước: 12 digits
 * (NĐ 137/2015 Đ13, TT 07/2016/TT-BCA, kept by Luật Căn cước 2023):
 * <ol>
 *   <li>digits 1–3: the province where the birth was registered, in the legacy 63-province coding
 *       (001 Hà Nội … 096 Cà Mau; the 2025 province codes are a subset of those), or a country code for a birth
 *       registered abroad;</li>
 *   <li>digit 4: century and sex — 0/1 born 1900–1999 male/female, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299,
 *       8/9 2300–2399 (even = male, odd = female);</li>
 *   <li>digits 5–6: the last two digits of the birth year;</li>
 *   <li>digits 7–12: a random sequence (no check digit, so nothing more can be verified offline).</li>
 * </ol>
 * The number is also the health ID (NĐ 102/2025) and, from 15/8/2025, a valid BHYT card number.
 */
public record Cccd(String value, String provinceCode, Sex sex, int birthYear) {

    /** FHIR identifier system of the VN Core IG. */
    public static final String SYSTEM = "http://fhir.hl7.org.vn/core/sid/cccd";

    /** Parses with the bundled legacy province list. */
    public static ParseResult<Cccd> parse(String raw) {
        return parse(raw, AdministrativeUnits.bundled());
    }

    public static ParseResult<Cccd> parse(String raw, AdministrativeUnits units) {
        String s = IdentityText.compact(raw);
        if (s.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3000"));
        }
        if (s.length() == 9 && IdentityText.allDigits(s)) {
            return ParseResult.failed(Problem.error("VNEMR-3005", s));
        }
        if (s.length() != 12 || !IdentityText.allDigits(s)) {
            return ParseResult.failed(Problem.error("VNEMR-3001", IdentityText.shown(raw),
                    String.valueOf(s.length())));
        }
        List<Problem> problems = new ArrayList<>();
        String prefix = s.substring(0, 3);
        int prefixNumber = Integer.parseInt(prefix);
        String provinceCode = prefix.substring(1);
        if (prefixNumber <= 96) {
            if (units.legacyProvince(provinceCode).isEmpty()) {
                problems.add(Problem.error("VNEMR-3002", s, prefix));
            }
        } else {
            // NĐ 137/2015 Đ13 allows a country code here for births registered abroad; that list is not shipped
            problems.add(Problem.warning("VNEMR-3003", s, prefix));
            provinceCode = null;
        }
        int centuryDigit = s.charAt(3) - '0';
        Sex sex = centuryDigit % 2 == 0 ? Sex.MALE : Sex.FEMALE;
        int birthYear = 1900 + (centuryDigit / 2) * 100 + Integer.parseInt(s.substring(4, 6));
        if (birthYear > Year.now().getValue()) {
            problems.add(Problem.error("VNEMR-3004", s, String.valueOf(birthYear)));
        }
        return ParseResult.of(new Cccd(s, provinceCode, sex, birthYear), problems);
    }

    /**
     * Warnings when the number disagrees with the recorded birth date or sex. A mismatch is usually a typing slip
     * in one of them, but real cards with corrected birth data exist, so this never refuses.
     *
     * @param gender FHIR administrative gender; {@code other}/{@code unknown}/{@code null} skip the sex check
     */
    public List<Problem> checkAgainst(LocalDate birthDate, String gender) {
        List<Problem> warnings = new ArrayList<>();
        if (gender != null && (gender.equals("male") || gender.equals("female"))
                && !gender.equals(sex.fhirGender())) {
            warnings.add(Problem.warning("VNEMR-3006", value, sex.vietnamese(),
                    gender.equals("male") ? Sex.MALE.vietnamese() : Sex.FEMALE.vietnamese()));
        }
        if (birthDate != null && birthDate.getYear() != birthYear) {
            warnings.add(Problem.warning("VNEMR-3007", value, String.valueOf(birthYear),
                    String.valueOf(birthDate.getYear())));
        }
        return warnings;
    }

    @Override
    public String toString() {
        return value;
    }
}
