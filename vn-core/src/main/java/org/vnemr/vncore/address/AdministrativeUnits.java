package org.vnemr.vncore.address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.fhir.text.VietnameseText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Vietnamese administrative units: the 34 provinces and 3,321 wards in force since 01/07/2025
 * ({@code vn_units_2025.json}) and the legacy 63 provinces, their districts and communes
 * ({@code DVHC_tinh_huyen_xa_2024-06-11.csv}), both shipped in {@code vnemr/vncore/data/} (see PROVENANCE.md there).
 *
 * <p>The legacy → 2025 mapping is derived from the data, not typed in: each 2025 ward took the code of one of the
 * communes that formed it, so a legacy commune whose code is a 2025 ward code went into that ward, and a legacy
 * province went into the 2025 province holding its communes' codes (provinces merged whole, so every legacy
 * province maps to exactly one new province; the loader fails if the data ever says otherwise). For the other
 * legacy communes the data does not say which ward they joined; see {@link #mapCommune}.
 *
 * <p>Names are looked up without diacritics, case or the unit-type word ("Tỉnh", "Thành phố", "Phường", "Xã" …).
 */
public final class AdministrativeUnits {

    public static final String UNITS_2025 = "vnemr/vncore/data/vn_units_2025.json";
    public static final String UNITS_LEGACY = "vnemr/vncore/data/DVHC_tinh_huyen_xa_2024-06-11.csv";

    private static final Pattern PUNCTUATION = Pattern.compile("[.,;:()\\-–_/]+");
    private static final List<String> TYPE_WORDS = List.of("thanh pho truc thuoc trung uong", "thanh pho", "tinh",
            "tp", "quan", "huyen", "thi xa", "phuong", "xa", "thi tran", "dac khu", "q", "p", "h", "x", "tx", "tt");

    private final Map<String, Province> provinces = new LinkedHashMap<>();
    private final Map<String, Ward> wards = new LinkedHashMap<>();
    private final Map<String, LegacyProvince> legacyProvinces = new LinkedHashMap<>();
    private final Map<String, LegacyDistrict> legacyDistricts = new LinkedHashMap<>();
    private final Map<String, LegacyCommune> legacyCommunes = new LinkedHashMap<>();
    private final Map<String, Province> provinceByName = new HashMap<>();
    private final Map<String, List<LegacyProvince>> legacyProvinceByName = new HashMap<>();
    private final Map<String, Map<String, List<Ward>>> wardsByProvinceAndName = new HashMap<>();
    private final Map<String, Map<String, List<LegacyDistrict>>> districtsByProvinceAndName = new HashMap<>();
    private final Map<String, Map<String, List<LegacyCommune>>> communesByDistrictAndName = new HashMap<>();
    private final Map<String, Map<String, List<LegacyCommune>>> communesByProvinceAndName = new HashMap<>();
    private final String version;

    private AdministrativeUnits(byte[] units2025, byte[] legacyCsv) {
        read2025(units2025);
        readLegacy(legacyCsv);
        this.version = digest(units2025, legacyCsv);
    }

    /** The lists shipped with vnemr, loaded once. */
    public static AdministrativeUnits bundled() {
        return Bundled.INSTANCE;
    }

    /** Lists from other files (tests, a newer release of the lists). */
    public static AdministrativeUnits load(InputStream units2025Json, InputStream legacyCsv) {
        try {
            return new AdministrativeUnits(units2025Json.readAllBytes(), legacyCsv.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Bundled {
        static final AdministrativeUnits INSTANCE = fromClasspath();

        private static AdministrativeUnits fromClasspath() {
            ClassLoader loader = AdministrativeUnits.class.getClassLoader();
            try (InputStream a = loader.getResourceAsStream(UNITS_2025);
                 InputStream b = loader.getResourceAsStream(UNITS_LEGACY)) {
                if (a == null || b == null) {
                    throw new IllegalStateException("administrative unit lists missing from the class path");
                }
                return load(a, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void read2025(byte[] json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            for (JsonNode p : root) {
                Province province = new Province(p.path("Code").asText(), p.path("Name").asText(),
                        p.path("FullName").asText(), p.path("NameEn").asText());
                provinces.put(province.code(), province);
                provinceByName.put(nameKey(province.name()), province);
                provinceByName.put(nameKey(province.fullName()), province);
                Map<String, List<Ward>> byName = new HashMap<>();
                wardsByProvinceAndName.put(province.code(), byName);
                for (JsonNode w : p.path("Wards")) {
                    Ward ward = new Ward(w.path("Code").asText(), w.path("Name").asText(),
                            w.path("FullName").asText(), w.path("NameEn").asText(), province.code());
                    wards.put(ward.code(), ward);
                    addTo(byName, nameKey(ward.name()), ward);
                    String full = nameKey(ward.fullName());
                    if (!full.equals(nameKey(ward.name()))) {
                        addTo(byName, full, ward);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLegacy(byte[] csv) {
        Map<String, Map<String, Integer>> newProvinceVotes = new HashMap<>();
        Map<String, String> legacyProvinceNames = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.startsWith("id,tentinh,matinh,tenhuyen,mahuyen,tenxa,maxa,cap")) {
                throw new IllegalStateException("unexpected header in " + UNITS_LEGACY + ": " + header);
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // the file has no quoted fields (checked: no '"' in it); a plain split keeps empty columns
                String[] f = line.split(",", -1);
                String provinceCode = f[2];
                String districtCode = f[4];
                String communeCode = f[6];
                legacyProvinceNames.putIfAbsent(provinceCode, f[1]);
                if (!legacyDistricts.containsKey(districtCode)) {
                    LegacyDistrict district = new LegacyDistrict(districtCode, f[3], provinceCode);
                    legacyDistricts.put(districtCode, district);
                    addTo(districtsByProvinceAndName.computeIfAbsent(provinceCode, k -> new HashMap<>()),
                            nameKey(district.fullName()), district);
                }
                if (communeCode.isEmpty()) {
                    continue; // island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa)
                }
                LegacyCommune commune = new LegacyCommune(communeCode, f[5], f[7], districtCode, provinceCode);
                legacyCommunes.put(communeCode, commune);
                addTo(communesByDistrictAndName.computeIfAbsent(districtCode, k -> new HashMap<>()),
                        nameKey(commune.fullName()), commune);
                addTo(communesByProvinceAndName.computeIfAbsent(provinceCode, k -> new HashMap<>()),
                        nameKey(commune.fullName()), commune);
                Ward same = wards.get(communeCode);
                if (same != null) {
                    newProvinceVotes.computeIfAbsent(provinceCode, k -> new HashMap<>())
                            .merge(same.provinceCode(), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        legacyProvinceNames.forEach((code, name) -> {
            Map<String, Integer> votes = newProvinceVotes.getOrDefault(code, Map.of());
            if (votes.size() != 1) {
                throw new IllegalStateException("legacy province " + code + " " + name
                        + " does not map to exactly one 2025 province: " + votes);
            }
            LegacyProvince p = new LegacyProvince(code, name, votes.keySet().iterator().next());
            legacyProvinces.put(code, p);
            addTo(legacyProvinceByName, nameKey(name), p);
        });
    }

    private static <T> void addTo(Map<String, List<T>> map, String key, T value) {
        map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
    }

    /**
     * The comparison key of a unit name: no diacritics, lower case, no punctuation, no leading unit-type word,
     * and numbers without leading zeros ("Phường 01" = "P.1" = "phuong 1" → "1").
     */
    public static String nameKey(String name) {
        String folded = VietnameseText.fold(name);
        if (folded == null) {
            return "";
        }
        String text = PUNCTUATION.matcher(folded).replaceAll(" ").replaceAll("\\s+", " ").trim();
        for (String word : TYPE_WORDS) {
            if (text.startsWith(word + " ") && text.length() > word.length() + 1) {
                text = text.substring(word.length() + 1);
                break;
            }
            // "p1", "q3": the short forms glued to a number
            if (word.length() <= 2 && text.length() > word.length() && text.startsWith(word)
                    && Character.isDigit(text.charAt(word.length())) && text.substring(word.length()).chars()
                    .allMatch(Character::isDigit)) {
                text = text.substring(word.length());
                break;
            }
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            text = text.replaceFirst("^0+(?=\\d)", "");
        }
        return text;
    }

    // ---- 2025 units

    public Collection<Province> provinces() {
        return Collections.unmodifiableCollection(provinces.values());
    }

    public Collection<Ward> wards() {
        return Collections.unmodifiableCollection(wards.values());
    }

    public Optional<Province> province(String code) {
        return Optional.ofNullable(code == null ? null : provinces.get(code));
    }

    public Optional<Ward> ward(String code) {
        return Optional.ofNullable(code == null ? null : wards.get(code));
    }

    public List<Ward> wardsOf(String provinceCode) {
        return wards.values().stream().filter(w -> w.provinceCode().equals(provinceCode)).toList();
    }

    /** A 2025 province by name, e.g. "TP. Hồ Chí Minh", "thanh hoa", "Tỉnh Hưng Yên". */
    public Optional<Province> findProvince(String name) {
        return Optional.ofNullable(provinceByName.get(nameKey(name)));
    }

    /** A 2025 ward of the province by name; empty when none or more than one has that name. */
    public Optional<Ward> findWard(String provinceCode, String name) {
        List<Ward> found = wardsByProvinceAndName.getOrDefault(provinceCode, Map.of()).get(nameKey(name));
        return found != null && found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    // ---- legacy units

    public Collection<LegacyProvince> legacyProvinces() {
        return Collections.unmodifiableCollection(legacyProvinces.values());
    }

    public Collection<LegacyDistrict> legacyDistricts() {
        return Collections.unmodifiableCollection(legacyDistricts.values());
    }

    public Collection<LegacyCommune> legacyCommunes() {
        return Collections.unmodifiableCollection(legacyCommunes.values());
    }

    /** A legacy province by its 2-digit code (also the CCCD prefix without the leading 0). */
    public Optional<LegacyProvince> legacyProvince(String code) {
        return Optional.ofNullable(code == null ? null : legacyProvinces.get(code));
    }

    public Optional<LegacyDistrict> legacyDistrict(String code) {
        return Optional.ofNullable(code == null ? null : legacyDistricts.get(code));
    }

    public Optional<LegacyCommune> legacyCommune(String code) {
        return Optional.ofNullable(code == null ? null : legacyCommunes.get(code));
    }

    /** A legacy province by name ("Tỉnh Thái Bình", "Thua Thien Hue"). */
    public Optional<LegacyProvince> findLegacyProvince(String name) {
        List<LegacyProvince> found = legacyProvinceByName.get(nameKey(name));
        return found != null && found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    public Optional<LegacyDistrict> findLegacyDistrict(String legacyProvinceCode, String name) {
        List<LegacyDistrict> found = districtsByProvinceAndName.getOrDefault(legacyProvinceCode, Map.of())
                .get(nameKey(name));
        return found != null && found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** A legacy commune by name within a district (names repeat across districts: "Phường 1"). */
    public Optional<LegacyCommune> findLegacyCommune(String districtCode, String name) {
        List<LegacyCommune> found = communesByDistrictAndName.getOrDefault(districtCode, Map.of()).get(nameKey(name));
        return found != null && found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** A legacy commune by name within a province, when the name is unique there (the district was left out). */
    public Optional<LegacyCommune> findLegacyCommuneInProvince(String legacyProvinceCode, String name) {
        List<LegacyCommune> found = communesByProvinceAndName.getOrDefault(legacyProvinceCode, Map.of())
                .get(nameKey(name));
        return found != null && found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The 2025 province a legacy province became part of. */
    public Optional<Province> mapProvince(String legacyProvinceCode) {
        return legacyProvince(legacyProvinceCode).flatMap(p -> province(p.newProvinceCode()));
    }

    /**
     * Where a legacy commune went: the 2025 ward with the same code when there is one; otherwise the only ward of
     * the new province with the same name (weaker); otherwise the province alone.
     */
    public WardMapping mapCommune(LegacyCommune commune) {
        String provinceCode = legacyProvinces.get(commune.legacyProvinceCode()).newProvinceCode();
        Ward same = wards.get(commune.code());
        if (same != null && same.provinceCode().equals(provinceCode)) {
            return new WardMapping(provinceCode, same.code(), WardMapping.Basis.SAME_CODE);
        }
        return findWard(provinceCode, commune.fullName())
                .filter(w -> tookItsNameFrom(w, commune))
                .map(w -> new WardMapping(provinceCode, w.code(), WardMapping.Basis.SAME_NAME))
                .orElseGet(() -> new WardMapping(provinceCode, null, WardMapping.Basis.PROVINCE_ONLY));
    }

    /**
     * Whether a 2025 ward with the commune's name plausibly took that name from it: the commune whose code the
     * ward carries lay in the same legacy district and had another name. A ward named after its own code commune
     * is a namesake elsewhere (Xã Yên Sở of Hoài Đức is not Phường Yên Sở of Hoàng Mai).
     */
    private boolean tookItsNameFrom(Ward ward, LegacyCommune commune) {
        LegacyCommune codeCommune = legacyCommunes.get(ward.code());
        return codeCommune != null && codeCommune.districtCode().equals(commune.districtCode())
                && !nameKey(codeCommune.fullName()).equals(nameKey(commune.fullName()));
    }

    /** A digest of both lists: changes when a newer list is shipped (terminology sources use it as version). */
    public String version() {
        return version;
    }

    private static String digest(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
