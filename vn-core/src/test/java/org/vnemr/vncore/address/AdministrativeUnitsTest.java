package org.vnemr.vncore.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AdministrativeUnitsTest {

    private final AdministrativeUnits units = AdministrativeUnits.bundled();

    @Test
    void lists_holdThe2025AndLegacyUnits() {
        assertThat(units.provinces()).hasSize(34);
        assertThat(units.wards()).hasSize(3321);
        assertThat(units.legacyProvinces()).hasSize(63);
        assertThat(units.legacyCommunes()).hasSizeGreaterThan(10_000);
        assertThat(units.province("33")).map(Province::name).contains("Hưng Yên");
    }

    @Test
    void everyWard_belongsToAKnownProvince() {
        Set<String> provinceCodes = units.provinces().stream().map(Province::code).collect(Collectors.toSet());

        assertThat(units.wards()).allMatch(w -> provinceCodes.contains(w.provinceCode()));
    }

    @ParameterizedTest
    @CsvSource({"34,33", "01,01", "74,79", "77,79", "02,08", "45,44", "93,92", "62,51"})
    void legacyProvince_mapsToThe2025ProvinceItJoined(String legacy, String expected) {
        // Thái Bình → Hưng Yên, Bình Dương and Bà Rịa - Vũng Tàu → Hồ Chí Minh, Hà Giang → Tuyên Quang,
        // Quảng Trị → Quảng Trị (code 44 of Quảng Bình), Hậu Giang → Cần Thơ, Kon Tum → Quảng Ngãi
        assertThat(units.mapProvince(legacy)).map(Province::code).contains(expected);
    }

    @Test
    void every2025Province_receivesAtLeastOneLegacyProvince() {
        Set<String> targets = units.legacyProvinces().stream().map(LegacyProvince::newProvinceCode)
                .collect(Collectors.toSet());

        assertThat(targets).hasSize(34);
    }

    @Test
    void legacyCommune_withTheCodeOfA2025Ward_mapsToThatWard() {
        LegacyCommune trucBach = units.legacyCommune("00004").orElseThrow();

        WardMapping mapping = units.mapCommune(trucBach);

        assertThat(mapping).isEqualTo(new WardMapping("01", "00004", WardMapping.Basis.SAME_CODE));
        assertThat(units.ward("00004")).map(Ward::fullName).contains("Phường Ba Đình");
    }

    @Test
    void legacyCommune_whoseNameANeighbourWardTook_mapsByName() {
        // Phường Ngọc Hà (00016, Ba Đình) → Phường Ngọc Hà 2025, which carries the code of Liễu Giai (00008, Ba Đình)
        LegacyCommune ngocHa = units.legacyCommune("00016").orElseThrow();

        assertThat(units.mapCommune(ngocHa)).isEqualTo(new WardMapping("01", "00008", WardMapping.Basis.SAME_NAME));
    }

    @Test
    void legacyCommune_withANamesakeWardElsewhere_isNotMappedToIt() {
        // Phường Chương Dương of Hoàn Kiếm; the 2025 Xã Chương Dương is the old Xã Chương Dương of Thường Tín (10237)
        LegacyCommune chuongDuong = units.legacyCommune("00067").orElseThrow();

        assertThat(units.mapCommune(chuongDuong))
                .isEqualTo(new WardMapping("01", null, WardMapping.Basis.PROVINCE_ONLY));
    }

    @Test
    void legacyCommune_whoseNamesakeWardHasTheCodeOfAnotherDistrict_isNotMapped() {
        // Xã Tân Tiến of Hưng Hà; the 2025 Xã Tân Tiến carries the code of Xã Đồng Tiến of Quỳnh Phụ
        LegacyCommune tanTien = units.legacyCommune("12610").orElseThrow();

        assertThat(units.mapCommune(tanTien).wardCode()).isNull();
    }

    @Test
    void legacyCommune_thatTheDataCannotPlace_mapsToTheProvinceOnly() {
        LegacyCommune leHongPhong = units.legacyCommune("12433").orElseThrow(); // TP Thái Bình

        assertThat(units.mapCommune(leHongPhong))
                .isEqualTo(new WardMapping("33", null, WardMapping.Basis.PROVINCE_ONLY));
    }

    @ParameterizedTest
    @CsvSource({"'TP. Hồ Chí Minh',79", "thanh pho ho chi minh,79", "Tỉnh Hưng Yên,33", "HUẾ,46",
            "Thanh Hóa,38", "Thanh Hoá,38", "Khánh Hòa,56"})
    void province_isFoundByNameWithoutDiacriticsOrTypeWord(String name, String code) {
        assertThat(units.findProvince(name)).map(Province::code).contains(code);
    }

    @Test
    void province_nameInNfdForm_isFound() {
        String nfd = java.text.Normalizer.normalize("Đắk Lắk", java.text.Normalizer.Form.NFD);

        assertThat(units.findProvince(nfd)).map(Province::code).contains("66");
    }

    @Test
    void ward_isFoundWithinItsProvinceOnly() {
        assertThat(units.findWard("01", "phuong ba dinh")).map(Ward::code).contains("00004");
        assertThat(units.findWard("79", "Ba Đình")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'Phường 01',1", "P.1,1", "Q.3,3", "'Quận 10',10", "'Thị xã Sơn Tây',son tay"})
    void nameKey_dropsTypeWordsAndLeadingZeros(String name, String key) {
        assertThat(AdministrativeUnits.nameKey(name)).isEqualTo(key);
    }
}
