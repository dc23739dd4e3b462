package org.vnemr.vncore.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A practising licence number: chứng chỉ hành nghề (CCHN, Luật KBCB 2009) or giấy phép hành nghề (GPHN, Luật KBCB
 * 2023), written {@code <number>/<issuer>-CCHN} or {@code …-GPHN}, e.g. {@code 000123/HNO-CCHN},
 * {@code 0012345/BYT-GPHN}. It is the MA_BAC_SI of the insurance XML. The IG fixes no format, and old licences in
 * other shapes are still on file, so a plain code of letters and digits is accepted with a warning.
 */
public record PractisingLicence(String value, String number, String issuer, Kind kind) {

    /** FHIR identifier system of the VN Core IG. */
    public static final String SYSTEM = "http://fhir.hl7.org.vn/core/sid/cchn";

    public enum Kind { CCHN, GPHN, UNSTRUCTURED }

    private static final Pattern STRUCTURED = Pattern.compile("(\\d{1,8})/([A-Z]{2,12}?)(CCHN|GPHN)");
    private static final Pattern PLAIN = Pattern.compile("[A-Z0-9]{4,30}");

    public static ParseResult<PractisingLicence> parse(String raw) {
        // the dash between issuer and kind is dropped by the compaction and written back in the canonical form
        String s = IdentityText.compact(raw);
        if (s.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3025"));
        }
        Matcher m = STRUCTURED.matcher(s);
        if (m.matches()) {
            String value = m.group(1) + "/" + m.group(2) + "-" + m.group(3);
            return ParseResult.ok(new PractisingLicence(value, m.group(1), m.group(2), Kind.valueOf(m.group(3))));
        }
        if (PLAIN.matcher(s).matches() && s.chars().anyMatch(Character::isDigit)) {
            return ParseResult.ok(new PractisingLicence(s, s, null, Kind.UNSTRUCTURED),
                    java.util.List.of(Problem.warning("VNEMR-3027", s)));
        }
        return ParseResult.failed(Problem.error("VNEMR-3026", IdentityText.shown(raw)));
    }

    @Override
    public String toString() {
        return value;
    }
}
