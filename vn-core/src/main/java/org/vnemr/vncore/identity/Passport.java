package org.vnemr.vncore.identity;

/**
 * A passport number (hộ chiếu), mostly of foreign patients. ICAO 9303 allows up to 9 letters and digits; Vietnamese
 * passports are one letter and 7 digits (B1234567, C…, P…), which is also what the BHXH gateway accepts in SO_CCCD.
 * Nothing beyond the shape can be checked without the issuing country.
 */
public record Passport(String value) {

    /** FHIR identifier system of the VN Core IG. */
    public static final String SYSTEM = "http://fhir.hl7.org.vn/core/sid/passport";

    public static ParseResult<Passport> parse(String raw) {
        String s = IdentityText.compact(raw);
        if (s.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3022"));
        }
        if (s.length() < 6 || s.length() > 9 || !s.chars().allMatch(c -> (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9'))) {
            return ParseResult.failed(Problem.error("VNEMR-3023", IdentityText.shown(raw)));
        }
        if (s.chars().noneMatch(Character::isDigit)) {
            return ParseResult.failed(Problem.error("VNEMR-3024", s));
        }
        return ParseResult.ok(new Passport(s));
    }

    /** One letter + 7 digits: the shape of Vietnamese passports and of the BHXH gateway check. */
    public boolean hasVietnameseShape() {
        return value.length() == 8 && Character.isLetter(value.charAt(0))
                && value.substring(1).chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return value;
    }
}
