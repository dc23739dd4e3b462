package org.vnemr.vncore.identity;

import java.util.Locale;

/**
 * Nơi sinh sống on a BHYT card (MA_KHUVUC): K1, K2, K3 — people living in disadvantaged areas or islands, whose
 * card pays in full even at a facility other than the registered one.
 */
public enum AreaCode {
    K1, K2, K3;

    public static ParseResult<AreaCode> parse(String raw) {
        String s = IdentityText.compact(raw).toUpperCase(Locale.ROOT);
        return switch (s) {
            case "K1" -> ParseResult.ok(K1);
            case "K2" -> ParseResult.ok(K2);
            case "K3" -> ParseResult.ok(K3);
            default -> ParseResult.failed(Problem.error("VNEMR-3017", IdentityText.shown(raw)));
        };
    }
}
