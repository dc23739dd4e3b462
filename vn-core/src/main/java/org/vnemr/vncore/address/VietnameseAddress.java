package org.vnemr.vncore.address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.text.VietnameseText;
import org.vnemr.vncore.VnCoreUrls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a FHIR Address the VN Core way (VNCoreAddress): the 2025 province and ward as {@code Coding}s in
 * the {@code vn-ext-province} and {@code vn-ext-ward} extensions, names in {@code state} / {@code city}, the street
 * part in {@code line}, {@code country} VN. Free text ("Số 5 ngõ 12, Phường Trúc Bạch, Quận Ba Đình, Hà Nội") is
 * recognised from the end: province (2025 or legacy name), then a 2025 ward, or a legacy district and commune
 * mapped forward to the 2025 units.
 */
public final class VietnameseAddress {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> COUNTRY_WORDS = List.of("viet nam", "vietnam", "vn");
    private static final List<String> DISTRICT_WORDS = List.of("quan", "huyen", "thi xa", "thanh pho", "q", "h", "tx");
    private static final List<String> WARD_WORDS = List.of("phuong", "xa", "thi tran", "dac khu", "p", "x", "tt");

    private final AdministrativeUnits units;

    public VietnameseAddress(AdministrativeUnits units) {
        this.units = units;
    }

    /**
     * An address as recognised.
     *
     * @param line          what is left before the recognised units (house number, street, hamlet)
     * @param province      the 2025 province, or null when none was recognised
     * @param ward          the 2025 ward, or null
     * @param legacyMapping how a legacy commune was mapped forward, or null when the text named 2025 units
     * @param text          the full text as given
     */
    public record Parsed(String line, Province province, Ward ward, WardMapping legacyMapping, String text) {
    }

    /** Recognises a free-text address; never fails — unrecognised parts stay in {@code line}. */
    public Parsed parseText(String text) {
        String nfc = VietnameseText.nfc(text == null ? "" : text.strip());
        List<String> parts = new ArrayList<>(Arrays.stream(nfc.split("[,;\\n]")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList());
        while (!parts.isEmpty() && COUNTRY_WORDS.contains(AdministrativeUnits.nameKey(parts.get(parts.size() - 1)))) {
            parts.remove(parts.size() - 1);
        }
        if (parts.isEmpty()) {
            return new Parsed(nfc, null, null, null, nfc);
        }
        String last = parts.get(parts.size() - 1);
        Optional<Province> province = units.findProvince(last);
        Optional<LegacyProvince> legacy = units.findLegacyProvince(last);
        if (legacy.isPresent() && (province.isEmpty() || parts.size() >= 2 && looksLegacy(parts, legacy.get()))) {
            return parseLegacy(parts, legacy.get(), nfc);
        }
        if (province.isEmpty()) {
            return new Parsed(String.join(", ", parts), null, null, null, nfc);
        }
        parts.remove(parts.size() - 1);
        Ward ward = null;
        if (!parts.isEmpty()) {
            Optional<Ward> w = units.findWard(province.get().code(), parts.get(parts.size() - 1));
            if (w.isPresent()) {
                ward = w.get();
                parts.remove(parts.size() - 1);
            }
        }
        return new Parsed(String.join(", ", parts), province.get(), ward, null, nfc);
    }

    /** Whether the part before the province names a legacy district of it (so the address is in the old form). */
    private boolean looksLegacy(List<String> parts, LegacyProvince legacy) {
        String part = parts.get(parts.size() - 2);
        if (units.findLegacyDistrict(legacy.code(), part).isEmpty()) {
            return false;
        }
        // "Quận Ba Đình" is a legacy district, "Phường Ba Đình" a 2025 ward: the type word decides
        String folded = VietnameseText.fold(part).replace('.', ' ');
        if (DISTRICT_WORDS.stream().anyMatch(w -> folded.startsWith(w + " ") || folded.matches(w + "\\d+"))) {
            return true;
        }
        if (WARD_WORDS.stream().anyMatch(w -> folded.startsWith(w + " ") || folded.matches(w + "\\d+"))) {
            return false;
        }
        return units.findWard(legacy.newProvinceCode(), part).isEmpty();
    }

    private Parsed parseLegacy(List<String> parts, LegacyProvince legacy, String text) {
        parts.remove(parts.size() - 1);
        Province province = units.province(legacy.newProvinceCode()).orElseThrow();
        LegacyCommune commune = null;
        if (!parts.isEmpty()) {
            Optional<LegacyDistrict> district = units.findLegacyDistrict(legacy.code(), parts.get(parts.size() - 1));
            if (district.isPresent()) {
                parts.remove(parts.size() - 1);
                if (!parts.isEmpty()) {
                    commune = units.findLegacyCommune(district.get().code(), parts.get(parts.size() - 1)).orElse(null);
                }
            } else {
                commune = units.findLegacyCommuneInProvince(legacy.code(), parts.get(parts.size() - 1)).orElse(null);
            }
            if (commune != null) {
                parts.remove(parts.size() - 1);
            }
        }
        if (commune == null) {
            return new Parsed(String.join(", ", parts), province, null,
                    new WardMapping(province.code(), null, WardMapping.Basis.PROVINCE_ONLY), text);
        }
        WardMapping mapping = units.mapCommune(commune);
        Ward ward = mapping.wardCode() == null ? null : units.ward(mapping.wardCode()).orElse(null);
        return new Parsed(String.join(", ", parts), province, ward, mapping, text);
    }

    /** Maps a legacy address given by codes (e.g. XML MATINH_CU_TRU / MAHUYEN_CU_TRU / MAXA_CU_TRU) forward. */
    public Optional<WardMapping> mapLegacyCodes(String legacyProvinceCode, String legacyCommuneCode) {
        if (legacyCommuneCode != null && !legacyCommuneCode.isBlank()) {
            Optional<LegacyCommune> commune = units.legacyCommune(legacyCommuneCode.strip());
            if (commune.isPresent()) {
                return Optional.of(units.mapCommune(commune.get()));
            }
        }
        return units.legacyProvince(legacyProvinceCode)
                .map(p -> new WardMapping(p.newProvinceCode(), null, WardMapping.Basis.PROVINCE_ONLY));
    }

    /** A FHIR Address (use home, country VN) with the province/ward extensions. */
    public ObjectNode toFhir(Parsed parsed) {
        ObjectNode address = JSON.objectNode();
        ArrayNode extensions = JSON.arrayNode();
        if (parsed.province() != null) {
            extensions.add(extension(VnCoreUrls.EXT_PROVINCE, VnCoreUrls.CS_PROVINCE, parsed.province().code(),
                    parsed.province().fullName()));
        }
        if (parsed.ward() != null) {
            extensions.add(extension(VnCoreUrls.EXT_WARD, VnCoreUrls.CS_WARD, parsed.ward().code(),
                    parsed.ward().fullName()));
        }
        if (!extensions.isEmpty()) {
            address.set("extension", extensions);
        }
        address.put("use", "home");
        if (parsed.text() != null && !parsed.text().isBlank()) {
            address.put("text", parsed.text());
        }
        if (parsed.line() != null && !parsed.line().isBlank()) {
            address.putArray("line").add(parsed.line());
        }
        if (parsed.ward() != null) {
            address.put("city", parsed.ward().fullName());
        }
        if (parsed.province() != null) {
            address.put("state", parsed.province().fullName());
        }
        address.put("country", "VN");
        return address;
    }

    private static ObjectNode extension(String url, String system, String code, String display) {
        ObjectNode ext = JSON.objectNode();
        ext.put("url", url);
        ObjectNode coding = ext.putObject("valueCoding");
        coding.put("system", system);
        coding.put("code", code);
        coding.put("display", display);
        return ext;
    }

    /** The province code in a FHIR Address's {@code vn-ext-province}, if any. */
    public static Optional<String> provinceCode(JsonNode address) {
        return extensionCode(address, VnCoreUrls.EXT_PROVINCE);
    }

    /** The ward code in a FHIR Address's {@code vn-ext-ward}, if any. */
    public static Optional<String> wardCode(JsonNode address) {
        return extensionCode(address, VnCoreUrls.EXT_WARD);
    }

    static Optional<String> extensionCode(JsonNode element, String url) {
        for (JsonNode ext : element.path("extension")) {
            if (url.equals(ext.path("url").asText())) {
                JsonNode coding = ext.has("valueCoding") ? ext.get("valueCoding")
                        : ext.path("valueCodeableConcept").path("coding").path(0);
                String code = coding.path("code").asText(null);
                if (code == null && ext.has("valueCode")) {
                    code = ext.get("valueCode").asText();
                }
                return Optional.ofNullable(code);
            }
        }
        return Optional.empty();
    }
}
