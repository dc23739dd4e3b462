package org.vnemr.vncore.identity;

import org.vnemr.vncore.address.AdministrativeUnits;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A health-insurance card (thẻ BHYT). Its number has three forms, all still in use:
 * <ul>
 *   <li>{@link Form#LEGACY_15}: 15 characters — 2 letters group code (mã đối tượng: DN, HT, HN, TE …),
 *       1 digit benefit level (mức hưởng, 1–5), 2 digits province (legacy province code, as on the card), and the
 *       10-digit BHXH number;</li>
 *   <li>{@link Form#BHXH_10}: the 10-digit mã số BHXH alone (from 01/4/2021);</li>
 *   <li>{@link Form#CCCD_12}: the holder's 12-digit personal ID number (from 15/8/2025, NĐ 188/2025).</li>
 * </ul>
 * The card also carries its validity dates, the registered primary-care facility (nơi ĐKKCB ban đầu, MA_DKBD) and
 * possibly an area code K1/K2/K3; those are optional here because a number alone is often all the desk has.
 */
public record BhytCard(Form form, String number, String groupCode, Integer benefitLevel, String provinceCode,
                       String bhxhNumber, Cccd cccd, LocalDate validFrom, LocalDate validTo,
                       FacilityCode primaryCareFacility, AreaCode area) {

    /** FHIR identifier system of the VN Core IG. */
    public static final String SYSTEM = "http://fhir.hl7.org.vn/core/sid/bhyt";

    /**
     * Social-insurance agency codes seen in place of a province on defence and police cards; not in the province
     * list and not confirmed from a regulation here, so such cards pass with a warning.
     */
    private static final Set<String> NON_PROVINCE_AGENCIES = Set.of("97", "98", "99");

    public enum Form { LEGACY_15, BHXH_10, CCCD_12 }

    /** Parses a card number alone. */
    public static ParseResult<BhytCard> parse(String raw) {
        return parse(raw, AdministrativeUnits.bundled());
    }

    public static ParseResult<BhytCard> parse(String raw, AdministrativeUnits units) {
        String s = IdentityText.compact(raw);
        if (s.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3010"));
        }
        if (s.length() == 12 && IdentityText.allDigits(s)) {
            ParseResult<Cccd> cccd = Cccd.parse(s, units);
            if (!cccd.isValid()) {
                return ParseResult.failed(cccd.errors().stream()
                        .map(p -> new Problem("VNEMR-3019", false,
                                org.vnemr.fhir.error.Messages.vi("VNEMR-3019", p.messageVi()),
                                org.vnemr.fhir.error.Messages.en("VNEMR-3019", p.messageEn())))
                        .toList());
            }
            return ParseResult.ok(new BhytCard(Form.CCCD_12, s, null, null, null, null, cccd.value(), null, null,
                    null, null), cccd.warnings());
        }
        if (s.length() == 10 && IdentityText.allDigits(s)) {
            return ParseResult.ok(new BhytCard(Form.BHXH_10, s, null, null, null, s, null, null, null, null, null));
        }
        if (s.length() != 15) {
            return ParseResult.failed(Problem.error("VNEMR-3011", IdentityText.shown(raw)));
        }
        List<Problem> problems = new ArrayList<>();
        String group = s.substring(0, 2);
        if (!Character.isLetter(group.charAt(0)) || !Character.isLetter(group.charAt(1))
                || group.charAt(0) > 'Z' || group.charAt(1) > 'Z') {
            problems.add(Problem.error("VNEMR-3012", s, group));
        }
        char level = s.charAt(2);
        if (level < '1' || level > '5') {
            problems.add(Problem.error("VNEMR-3013", s, String.valueOf(level)));
        }
        String province = s.substring(3, 5);
        if (!IdentityText.allDigits(province)) {
            problems.add(Problem.error("VNEMR-3014", s, province));
        } else if (units.legacyProvince(province).isEmpty()) {
            problems.add(NON_PROVINCE_AGENCIES.contains(province) ? Problem.warning("VNEMR-3018", s, province)
                    : Problem.error("VNEMR-3014", s, province));
        }
        String bhxh = s.substring(5);
        if (!IdentityText.allDigits(bhxh)) {
            problems.add(Problem.error("VNEMR-3015", s));
        }
        BhytCard card = new BhytCard(Form.LEGACY_15, s, group, level >= '1' && level <= '5' ? level - '0' : null,
                province, bhxh, null, null, null, null, null);
        return ParseResult.of(card, problems);
    }

    /**
     * Parses a whole card as read from the card or the BHXH look-up: number, validity (either may be null),
     * primary-care facility code and area code (null or blank when absent).
     */
    public static ParseResult<BhytCard> parse(String number, LocalDate validFrom, LocalDate validTo,
                                              String primaryCareFacility, String area) {
        List<Problem> problems = new ArrayList<>();
        ParseResult<BhytCard> base = parse(number);
        problems.addAll(base.problems());
        if (validFrom != null && validTo != null && validFrom.isAfter(validTo)) {
            problems.add(Problem.error("VNEMR-3016", validFrom.toString(), validTo.toString()));
        }
        FacilityCode facility = null;
        if (primaryCareFacility != null && !primaryCareFacility.isBlank()) {
            ParseResult<FacilityCode> f = FacilityCode.parse(primaryCareFacility);
            problems.addAll(f.problems());
            facility = f.value();
        }
        AreaCode areaCode = null;
        if (area != null && !area.isBlank()) {
            ParseResult<AreaCode> a = AreaCode.parse(area);
            problems.addAll(a.problems());
            areaCode = a.value();
        }
        if (base.value() == null) {
            return ParseResult.failed(problems);
        }
        BhytCard b = base.value();
        return ParseResult.of(new BhytCard(b.form, b.number, b.groupCode, b.benefitLevel, b.provinceCode,
                b.bhxhNumber, b.cccd, validFrom, validTo, facility, areaCode), problems);
    }

    /** Whether the card is valid on {@code day}; a card without recorded dates counts as valid. */
    public boolean isValidOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    @Override
    public String toString() {
        return number;
    }
}
