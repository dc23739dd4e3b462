package org.vnemr.vncore.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CccdTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "001098001234;001098001234;01;MALE;1998",   // Hà Nội, male 1900s
            "079301012345;079301012345;79;FEMALE;2001", // Hồ Chí Minh, female 2000s
            "096185000001;096185000001;96;FEMALE;1985", // Cà Mau, female 1900s
            "034205123456;034205123456;34;MALE;2005",   // Thái Bình (legacy province), male 2000s
            "' 001 098 001 234 ';001098001234;01;MALE;1998",
            "001.098.001234;001098001234;01;MALE;1998",
            "001-098-001234;001098001234;01;MALE;1998",
            "００１０９８００１２３４;001098001234;01;MALE;1998", // full-width digits from a Vietnamese IME
            "001098\u00A0001234;001098001234;01;MALE;1998"})  // no-break space pasted from a web page
    void cccd_realShapes_areAccepted(String raw, String value, String province, Sex sex, int year) {
        ParseResult<Cccd> result = Cccd.parse(raw);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).isEqualTo(new Cccd(value, province, sex, year));
    }

    @Test
    void cccd_withWrongCenturyDigit_isRefused() {
        // 4 = male born 2100–2199: a birth year in the future
        ParseResult<Cccd> result = Cccd.parse("001498001234");

        assertThat(result.isValid()).isFalse();
        assertThat(result.codes()).containsExactly("VNEMR-3004");
        assertThat(result.errors().get(0).messageVi()).contains("2198");
    }

    @ParameterizedTest
    @ValueSource(strings = {"003098001234", "000098001234", "013098001234", "090098001234"})
    void cccd_withUnknownProvincePrefix_isRefused(String raw) {
        assertThat(Cccd.parse(raw).codes()).containsExactly("VNEMR-3002");
    }

    @Test
    void cccd_withPrefixAboveProvinceCodes_isAcceptedWithWarning() {
        ParseResult<Cccd> result = Cccd.parse("201098001234");

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Problem::code).containsExactly("VNEMR-3003");
        assertThat(result.value().provinceCode()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00109800123", "0010980012345", "00109800123A", "O01098001234", "CCCD001098001234"})
    void cccd_withWrongLengthOrLetters_isRefused(String raw) {
        ParseResult<Cccd> result = Cccd.parse(raw);

        assertThat(result.codes()).containsExactly("VNEMR-3001");
        assertThat(result.errors().get(0).messageVi()).contains("12 chữ số");
        assertThat(result.errors().get(0).messageEn()).contains("12 digits");
    }

    @Test
    void cccd_nineDigits_isRecognisedAsOldCmnd() {
        assertThat(Cccd.parse("012345678").codes()).containsExactly("VNEMR-3005");
    }

    @Test
    void cccd_blank_isRefused() {
        assertThat(Cccd.parse("   ").codes()).containsExactly("VNEMR-3000");
        assertThat(Cccd.parse(null).codes()).containsExactly("VNEMR-3000");
    }

    @Test
    void checkAgainst_matchingData_givesNoWarning() {
        Cccd cccd = Cccd.parse("079301012345").value();

        assertThat(cccd.checkAgainst(LocalDate.of(2001, 3, 4), "female")).isEmpty();
    }

    @Test
    void checkAgainst_otherSexAndYear_warnsWithoutRefusing() {
        Cccd cccd = Cccd.parse("079301012345").value();

        var warnings = cccd.checkAgainst(LocalDate.of(2000, 3, 4), "male");

        assertThat(warnings).extracting(Problem::code).containsExactly("VNEMR-3006", "VNEMR-3007");
        assertThat(warnings).allMatch(Problem::warning);
        assertThat(warnings.get(0).messageVi()).contains("Nữ").contains("Nam");
    }

    @Test
    void checkAgainst_unknownGender_skipsTheSexCheck() {
        Cccd cccd = Cccd.parse("079301012345").value();

        assertThat(cccd.checkAgainst(null, "unknown")).isEmpty();
    }
}
