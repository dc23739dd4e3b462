package org.vnemr.vncore.identity;

import java.util.Set;

/**
 * A Vietnamese phone number, typed as {@code 0912 345 678}, {@code +84 912.345.678}, {@code 0084912345678},
 * {@code (028) 3822 1234} …, normalised to the national form ({@code 0912345678}) and E.164 ({@code +84912345678}).
 * Mobiles have 10 digits with the prefixes assigned since the 2018 renumbering; landlines have 11 digits: 0, a
 * 2- or 3-digit area code starting with 2, and the subscriber number (2017 renumbering).
 */
public record PhoneNumber(String national, String e164, Kind kind) {

    public enum Kind { MOBILE, LANDLINE }

    /** Mobile prefixes (first three digits of the national form) in service. */
    private static final Set<String> MOBILE_PREFIXES = Set.of(
            "032", "033", "034", "035", "036", "037", "038", "039",
            "052", "055", "056", "058", "059",
            "070", "076", "077", "078", "079",
            "081", "082", "083", "084", "085", "086", "087", "088", "089",
            "090", "091", "092", "093", "094", "096", "097", "098", "099");

    public static ParseResult<PhoneNumber> parse(String raw) {
        String s = IdentityText.compact(raw).replace("(", "").replace(")", "");
        if (s.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3028"));
        }
        String national;
        if (s.startsWith("+84")) {
            national = "0" + s.substring(3);
        } else if (s.startsWith("0084")) {
            national = "0" + s.substring(4);
        } else if (s.startsWith("84") && (s.length() == 11 || s.length() == 12)) {
            national = "0" + s.substring(2);
        } else {
            national = s;
        }
        if (national.startsWith("00")) {
            national = national.substring(1); // "+84 0912…" — the trunk zero typed after the country code
        }
        if (!IdentityText.allDigits(national) || !national.startsWith("0")) {
            return ParseResult.failed(Problem.error("VNEMR-3029", IdentityText.shown(raw)));
        }
        if (national.charAt(1) == '2') {
            if (national.length() != 11) {
                return ParseResult.failed(Problem.error("VNEMR-3029", IdentityText.shown(raw)));
            }
            return ParseResult.ok(new PhoneNumber(national, "+84" + national.substring(1), Kind.LANDLINE));
        }
        if (national.length() != 10) {
            return ParseResult.failed(Problem.error("VNEMR-3029", IdentityText.shown(raw)));
        }
        if (!MOBILE_PREFIXES.contains(national.substring(0, 3))) {
            return ParseResult.failed(Problem.error("VNEMR-3030", IdentityText.shown(raw), national.substring(0, 3)));
        }
        return ParseResult.ok(new PhoneNumber(national, "+84" + national.substring(1), Kind.MOBILE));
    }

    @Override
    public String toString() {
        return national;
    }
}
