package org.vnemr.vncore.identity;

import org.vnemr.vncore.address.AdministrativeUnits;

/**
 * Mã cơ sở khám bệnh, chữa bệnh (mã CSKCB, MA_DKBD on the card): 5 digits, the first 2 being the (legacy) province
 * code (QĐ 384/QĐ-BYT 2019). A temporary card's facility is the province code followed by {@code 000}.
 */
public record FacilityCode(String value) {

    /** FHIR identifier system of the VN Core IG. */
    public static final String SYSTEM = "http://fhir.hl7.org.vn/core/sid/ma-cskcb";

    public static ParseResult<FacilityCode> parse(String raw) {
        return parse(raw, AdministrativeUnits.bundled());
    }

    public static ParseResult<FacilityCode> parse(String raw, AdministrativeUnits units) {
        String s = IdentityText.compact(raw);
        if (s.length() != 5 || !IdentityText.allDigits(s)) {
            return ParseResult.failed(Problem.error("VNEMR-3020", IdentityText.shown(raw)));
        }
        String province = s.substring(0, 2);
        if (units.legacyProvince(province).isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3021", s, province));
        }
        return ParseResult.ok(new FacilityCode(s));
    }

    /** The province part (legacy coding, as on cards issued before 07/2025). */
    public String provinceCode() {
        return value.substring(0, 2);
    }

    /** True for the placeholder of a temporary card (province + 000). */
    public boolean isTemporary() {
        return value.endsWith("000");
    }

    @Override
    public String toString() {
        return value;
    }
}
