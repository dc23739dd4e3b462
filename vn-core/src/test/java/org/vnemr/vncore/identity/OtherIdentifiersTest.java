package org.vnemr.vncore.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Facility codes, passports, practising licences, phone numbers and area codes. */
class OtherIdentifiersTest {

    @ParameterizedTest
    @CsvSource({"79024,79024", "' 01 001 ',01001", "01-000,01000"})
    void facilityCode_validShapes_areAccepted(String raw, String value) {
        assertThat(FacilityCode.parse(raw).value()).isEqualTo(new FacilityCode(value));
    }

    @Test
    void facilityCode_temporaryCardPlaceholder_isRecognised() {
        assertThat(FacilityCode.parse("01000").value().isTemporary()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"7902,VNEMR-3020", "790245,VNEMR-3020", "7902A,VNEMR-3020", "03024,VNEMR-3021", "00001,VNEMR-3021"})
    void facilityCode_invalidShapes_areRefused(String raw, String code) {
        assertThat(FacilityCode.parse(raw).codes()).containsExactly(code);
    }

    @ParameterizedTest
    @CsvSource({"c1234567,C1234567,true", "'B 1234567',B1234567,true", "P01234567,P01234567,false",
            "123456,123456,false", "X12345678,X12345678,false"})
    void passport_validShapes_areAccepted(String raw, String value, boolean vietnameseShape) {
        Passport passport = Passport.parse(raw).value();

        assertThat(passport.value()).isEqualTo(value);
        assertThat(passport.hasVietnameseShape()).isEqualTo(vietnameseShape);
    }

    @ParameterizedTest
    @CsvSource({"C1234,VNEMR-3023", "C123456789,VNEMR-3023", "C123#567,VNEMR-3023", "ABCDEFGH,VNEMR-3024",
            "'',VNEMR-3022"})
    void passport_invalidShapes_areRefused(String raw, String code) {
        assertThat(Passport.parse(raw).codes()).containsExactly(code);
    }

    @ParameterizedTest
    @CsvSource({"000123/HNO-CCHN,000123/HNO-CCHN,CCHN", "'0012345 / byt - gphn',0012345/BYT-GPHN,GPHN",
            "123/QB-CCHN,123/QB-CCHN,CCHN"})
    void licence_structuredShapes_areAccepted(String raw, String value, PractisingLicence.Kind kind) {
        ParseResult<PractisingLicence> result = PractisingLicence.parse(raw);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().value()).isEqualTo(value);
        assertThat(result.value().kind()).isEqualTo(kind);
    }

    @Test
    void licence_plainCode_isAcceptedWithWarning() {
        ParseResult<PractisingLicence> result = PractisingLicence.parse("BS0012345");

        assertThat(result.value().kind()).isEqualTo(PractisingLicence.Kind.UNSTRUCTURED);
        assertThat(result.warnings()).extracting(Problem::code).containsExactly("VNEMR-3027");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123/HNO-ABC", "/HNO-CCHN", "CCHN", "12#4"})
    void licence_malformed_isRefused(String raw) {
        assertThat(PractisingLicence.parse(raw).codes()).containsExactly("VNEMR-3026");
    }

    @ParameterizedTest
    @CsvSource({"0912 345 678,0912345678,+84912345678,MOBILE", "+84 912.345.678,0912345678,+84912345678,MOBILE",
            "0084912345678,0912345678,+84912345678,MOBILE", "84912345678,0912345678,+84912345678,MOBILE",
            "'(028) 3822 1234',02838221234,+842838221234,LANDLINE", "0203-3456-789,02033456789,+842033456789,LANDLINE",
            "+84 (0) 86 123 4567,0861234567,+84861234567,MOBILE", "０９８７６５４３２１,0987654321,+84987654321,MOBILE"})
    void phone_commonForms_areNormalised(String raw, String national, String e164, PhoneNumber.Kind kind) {
        assertThat(PhoneNumber.parse(raw).value()).isEqualTo(new PhoneNumber(national, e164, kind));
    }

    @ParameterizedTest
    @CsvSource({"091234567,VNEMR-3029", "09123456789,VNEMR-3029", "0283822123,VNEMR-3029", "0951234567,VNEMR-3030",
            "0112345678,VNEMR-3030", "091234567a,VNEMR-3029", "'',VNEMR-3028"})
    void phone_invalidNumbers_areRefused(String raw, String code) {
        assertThat(PhoneNumber.parse(raw).codes()).containsExactly(code);
    }

    @ParameterizedTest
    @CsvSource({"K1,K1", "k3,K3", "' K 2 ',K2"})
    void area_codes_areAccepted(String raw, AreaCode area) {
        assertThat(AreaCode.parse(raw).value()).isEqualTo(area);
    }

    @Test
    void area_unknownCode_isRefused() {
        assertThat(AreaCode.parse("K4").codes()).containsExactly("VNEMR-3017");
    }
}
