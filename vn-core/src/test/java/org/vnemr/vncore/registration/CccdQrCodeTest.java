package org.vnemr.vncore.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.identity.ParseResult;
import org.vnemr.vncore.identity.Problem;
import org.vnemr.vncore.identity.Sex;

import java.text.Normalizer;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CccdQrCodeTest {

    private static final String QR = "001098001234|012345678|Nguyễn Văn An|15031998|Nam|"
            + "Số 5 ngõ 12, Phường Trúc Bạch, Quận Ba Đình, Hà Nội|10082021";

    @Test
    void qr_withAllSevenFields_isParsed() {
        ParseResult<CccdQrCode> result = CccdQrCode.parse(QR);

        assertThat(result.problems()).isEmpty();
        CccdQrCode qr = result.value();
        assertThat(qr.cccd().value()).isEqualTo("001098001234");
        assertThat(qr.oldId()).isEqualTo("012345678");
        assertThat(qr.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(qr.birthDate()).isEqualTo(LocalDate.of(1998, 3, 15));
        assertThat(qr.sex()).isEqualTo(Sex.MALE);
        assertThat(qr.address()).isEqualTo("Số 5 ngõ 12, Phường Trúc Bạch, Quận Ba Đình, Hà Nội");
        assertThat(qr.issueDate()).isEqualTo(LocalDate.of(2021, 8, 10));
    }

    @Test
    void qr_inNfdText_givesNfcFields() {
        String nfd = Normalizer.normalize("079301012345||Trần Thị Ánh Tuyết|04032001|Nữ|Phường Bến Thành, "
                + "Thành phố Hồ Chí Minh|01022022", Normalizer.Form.NFD);

        CccdQrCode qr = CccdQrCode.parse(nfd).value();

        assertThat(qr.fullName()).isEqualTo("Trần Thị Ánh Tuyết");
        assertThat(Normalizer.isNormalized(qr.fullName(), Normalizer.Form.NFC)).isTrue();
        assertThat(qr.sex()).isEqualTo(Sex.FEMALE);
        assertThat(qr.oldId()).isNull();
    }

    @Test
    void qr_withOldIdFieldDropped_isParsed() {
        CccdQrCode qr = CccdQrCode.parse("079301012345|Trần Thị Ánh|04032001|Nữ|Phường Bến Thành, TP. Hồ Chí Minh"
                + "|01022022").value();

        assertThat(qr.oldId()).isNull();
        assertThat(qr.fullName()).isEqualTo("Trần Thị Ánh");
        assertThat(qr.issueDate()).isEqualTo(LocalDate.of(2022, 2, 1));
    }

    @Test
    void qr_withExtraSeparators_isParsed() {
        CccdQrCode qr = CccdQrCode.parse(QR + "||\r\n").value();

        assertThat(qr.issueDate()).isEqualTo(LocalDate.of(2021, 8, 10));
        assertThat(qr.address()).endsWith("Hà Nội");
    }

    @Test
    void qr_withSeparatorInsideTheAddress_keepsTheWholeAddress() {
        CccdQrCode qr = CccdQrCode.parse("001098001234|012345678|Nguyễn Văn An|15031998|Nam|Thôn 3|Xã Yên Sở, "
                + "Huyện Hoài Đức, Hà Nội|10082021").value();

        assertThat(qr.address()).isEqualTo("Thôn 3, Xã Yên Sở, Huyện Hoài Đức, Hà Nội");
        assertThat(qr.issueDate()).isEqualTo(LocalDate.of(2021, 8, 10));
    }

    @Test
    void qr_withBadBirthDateAndSex_isRefusedWithBothReasons() {
        ParseResult<CccdQrCode> result = CccdQrCode.parse(
                "001098001234|012345678|Nguyễn Văn An|31021998|X|Hà Nội|10082021");

        assertThat(result.isValid()).isFalse();
        assertThat(result.codes()).containsExactly("VNEMR-3041", "VNEMR-3042");
    }

    @Test
    void qr_withMalformedCccd_isRefused() {
        ParseResult<CccdQrCode> result = CccdQrCode.parse("00109800123|012345678|Nguyễn Văn An|15031998|Nam|Hà Nội|"
                + "10082021");

        assertThat(result.codes()).containsExactly("VNEMR-3046");
        assertThat(result.errors().get(0).messageVi()).contains("12 chữ số");
    }

    @Test
    void qr_withTooFewFields_isRefused() {
        assertThat(CccdQrCode.parse("001098001234|Nguyễn Văn An").codes()).containsExactly("VNEMR-3040");
        assertThat(CccdQrCode.parse("").codes()).containsExactly("VNEMR-3040");
    }

    @Test
    void qr_withBirthYearOtherThanTheNumberSays_isAcceptedWithWarning() {
        ParseResult<CccdQrCode> result = CccdQrCode.parse(
                "001098001234|012345678|Nguyễn Văn An|15031999|Nam|Hà Nội|10082021");

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Problem::code).containsExactly("VNEMR-3007");
    }

    @Test
    void qr_withMalformedOldId_dropsItWithWarning() {
        ParseResult<CccdQrCode> result = CccdQrCode.parse(
                "001098001234|01234|Nguyễn Văn An|15031998|Nam|Hà Nội|10082021");

        assertThat(result.value().oldId()).isNull();
        assertThat(result.warnings()).extracting(Problem::code).containsExactly("VNEMR-3045");
    }

    @Test
    void patientDraft_fromQr_isAVnCorePatient() {
        ObjectNode patient = PatientDraft.fromQr(CccdQrCode.parse(QR).value());

        assertThat(patient.path("meta").path("profile").get(0).asText())
                .isEqualTo(VnCoreUrls.SD + "vn-core-patient");
        assertThat(patient.path("identifier").get(0).path("system").asText()).isEqualTo(VnCoreUrls.SID_CCCD);
        assertThat(patient.path("identifier").get(0).path("value").asText()).isEqualTo("001098001234");
        assertThat(patient.path("identifier").get(1).path("system").asText()).isEqualTo(VnCoreUrls.SID_CMND);
        assertThat(patient.path("name").get(0).path("family").asText()).isEqualTo("Nguyễn");
        assertThat(patient.path("name").get(0).path("given").toString()).isEqualTo("[\"Văn\",\"An\"]");
        assertThat(patient.path("gender").asText()).isEqualTo("male");
        assertThat(patient.path("birthDate").asText()).isEqualTo("1998-03-15");
        ObjectNode address = (ObjectNode) patient.path("address").get(0);
        assertThat(address.path("text").asText()).contains("Quận Ba Đình");
        assertThat(org.vnemr.vncore.address.VietnameseAddress.wardCode(address)).contains("00004");
        assertThat(org.vnemr.vncore.address.VietnameseAddress.provinceCode(address)).contains("01");
    }

    @Test
    void patientDraft_withoutOldId_hasOnlyTheCccdIdentifier() {
        ObjectNode patient = PatientDraft.fromQr(CccdQrCode.parse(
                "079301012345||Trần Thị Ánh|04032001|Nữ|Phường Bến Thành, Thành phố Hồ Chí Minh|01022022").value());

        assertThat(patient.path("identifier")).hasSize(1);
        assertThat(patient.path("gender").asText()).isEqualTo("female");
        assertThat(org.vnemr.vncore.address.VietnameseAddress.provinceCode(patient.path("address").get(0)))
                .contains("79");
    }
}
