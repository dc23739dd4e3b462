package org.vnemr.vncore.address;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.vncore.VnCoreUrls;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseAddressTest {

    private final AdministrativeUnits units = AdministrativeUnits.bundled();
    private final VietnameseAddress addresses = new VietnameseAddress(units);

    @Test
    void newStyleAddress_isRecognised() {
        VietnameseAddress.Parsed parsed = addresses.parseText("Số 5 ngõ 12 Phan Đình Phùng, Phường Ba Đình, Hà Nội");

        assertThat(parsed.province().code()).isEqualTo("01");
        assertThat(parsed.ward().code()).isEqualTo("00004");
        assertThat(parsed.line()).isEqualTo("Số 5 ngõ 12 Phan Đình Phùng");
        assertThat(parsed.legacyMapping()).isNull();
    }

    @Test
    void legacyAddressWithDistrict_isMappedForward() {
        VietnameseAddress.Parsed parsed = addresses.parseText(
                "Số 5 ngõ 12, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội, Việt Nam");

        assertThat(parsed.province().code()).isEqualTo("01");
        assertThat(parsed.ward().code()).isEqualTo("00004");
        assertThat(parsed.legacyMapping().basis()).isEqualTo(WardMapping.Basis.SAME_CODE);
        assertThat(parsed.line()).isEqualTo("Số 5 ngõ 12");
    }

    @Test
    void legacyProvinceThatMerged_isMappedToItsNewProvince() {
        VietnameseAddress.Parsed parsed = addresses.parseText(
                "Thôn Đông, Phường Lê Hồng Phong, Thành phố Thái Bình, Tỉnh Thái Bình");

        assertThat(parsed.province().code()).isEqualTo("33");
        assertThat(parsed.ward()).isNull(); // the data does not say which 2025 ward this commune joined
        assertThat(parsed.legacyMapping().basis()).isEqualTo(WardMapping.Basis.PROVINCE_ONLY);
        assertThat(parsed.line()).isEqualTo("Thôn Đông");
    }

    @Test
    void addressWithoutDiacriticsInNfd_isRecognised() {
        String nfd = Normalizer.normalize("12 Lý Thường Kiệt, phường Trúc Bạch, quận Ba Đình, Hà Nội",
                Normalizer.Form.NFD);

        VietnameseAddress.Parsed parsed = addresses.parseText(nfd);

        assertThat(parsed.ward().code()).isEqualTo("00004");
        assertThat(parsed.text()).isEqualTo(Normalizer.normalize(nfd, Normalizer.Form.NFC));
    }

    @Test
    void legacyDistrictAlone_isNotTakenForTheWardOfTheSameName() {
        VietnameseAddress.Parsed parsed = addresses.parseText("Quận Ba Đình, Hà Nội");

        assertThat(parsed.province().code()).isEqualTo("01");
        assertThat(parsed.ward()).isNull();
        assertThat(parsed.legacyMapping().basis()).isEqualTo(WardMapping.Basis.PROVINCE_ONLY);
    }

    @Test
    void abbreviatedLegacyAddress_isMappedForward() {
        VietnameseAddress.Parsed parsed = addresses.parseText("Thôn Đông, X. Yên Sở, H. Hoài Đức, TP. Hà Nội");

        assertThat(parsed.province().code()).isEqualTo("01");
        assertThat(parsed.line()).isEqualTo("Thôn Đông");
        // Xã Yên Sở (09856) of Hoài Đức: its code is the 2025 Xã Dương Hoà, not the namesake Phường Yên Sở
        assertThat(parsed.ward().code()).isEqualTo("09856");
        assertThat(parsed.ward().name()).isEqualTo("Dương Hoà");
        assertThat(parsed.legacyMapping().basis()).isEqualTo(WardMapping.Basis.SAME_CODE);
    }

    @Test
    void unrecognisedAddress_keepsEverythingInLine() {
        VietnameseAddress.Parsed parsed = addresses.parseText("221B Baker Street, London");

        assertThat(parsed.province()).isNull();
        assertThat(parsed.line()).isEqualTo("221B Baker Street, London");
    }

    @Test
    void legacyCodes_fromInsuranceXml_areMappedForward() {
        assertThat(addresses.mapLegacyCodes("01", "00004")).contains(
                new WardMapping("01", "00004", WardMapping.Basis.SAME_CODE));
        assertThat(addresses.mapLegacyCodes("34", null)).contains(
                new WardMapping("33", null, WardMapping.Basis.PROVINCE_ONLY));
        assertThat(addresses.mapLegacyCodes("03", null)).isEmpty();
    }

    @Test
    void toFhir_writesTheProvinceAndWardExtensions_andReadsThemBack() {
        ObjectNode address = addresses.toFhir(addresses.parseText("Số 5, Phường Ba Đình, Hà Nội"));

        assertThat(address.path("extension").get(0).path("url").asText()).isEqualTo(VnCoreUrls.EXT_PROVINCE);
        assertThat(address.path("extension").get(0).path("valueCoding").path("system").asText())
                .isEqualTo(VnCoreUrls.CS_PROVINCE);
        assertThat(address.path("country").asText()).isEqualTo("VN");
        assertThat(address.path("state").asText()).isEqualTo("Thành phố Hà Nội");
        assertThat(VietnameseAddress.provinceCode(address)).contains("01");
        assertThat(VietnameseAddress.wardCode(address)).contains("00004");
    }
}
