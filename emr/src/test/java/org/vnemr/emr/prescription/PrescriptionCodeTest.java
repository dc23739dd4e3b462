package org.vnemr.emr.prescription;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrescriptionCodeTest {

    @Test
    void theCode_isFacilityCodeSevenCharactersHyphenAndType() {
        String code = PrescriptionCode.of("79001", 1, PrescriptionType.ORDINARY);
        assertThat(code).hasSize(14).startsWith("79001").endsWith("-c").matches("79001[0-9a-z]{7}-c");
        assertThat(PrescriptionCode.isValid(code)).isTrue();
    }

    @Test
    void theTypeCharacter_followsThePrescriptionType() {
        assertThat(PrescriptionCode.of("79001", 5, PrescriptionType.NARCOTIC)).endsWith("-n");
        assertThat(PrescriptionCode.of("79001", 5, PrescriptionType.PSYCHOTROPIC)).endsWith("-h");
    }

    @Test
    void differentNumbers_neverGiveTheSameCode_andNeighboursLookUnrelated() {
        Set<String> codes = new HashSet<>();
        for (long n = 1; n <= 20_000; n++) {
            assertThat(codes.add(PrescriptionCode.of("79001", n, PrescriptionType.ORDINARY))).isTrue();
        }
        String first = PrescriptionCode.of("79001", 1, PrescriptionType.ORDINARY).substring(5, 12);
        String second = PrescriptionCode.of("79001", 2, PrescriptionType.ORDINARY).substring(5, 12);
        assertThat(first.substring(0, 4)).isNotEqualTo(second.substring(0, 4));
    }

    @Test
    void theLastNumberOfTheSpace_stillFitsSevenCharacters() {
        long last = PrescriptionCode.SPACE.longValueExact() - 1;
        assertThat(PrescriptionCode.of("79001", last, PrescriptionType.ORDINARY)).hasSize(14);
    }

    @Test
    void malformedCodesAndInputs_areRecognised() {
        assertThat(PrescriptionCode.isValid("79001abcdefg-c")).isTrue();
        assertThat(PrescriptionCode.isValid("79001abcdef-c")).isFalse();
        assertThat(PrescriptionCode.isValid("79001abcdefg-x")).isFalse();
        assertThat(PrescriptionCode.isValid("79001ABCDEFG-c")).isFalse();
        assertThat(PrescriptionCode.isValid("79001abcdefgc")).isFalse();
        assertThatThrownBy(() -> PrescriptionCode.of("7900", 1, PrescriptionType.ORDINARY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrescriptionCode.of("79001", 0, PrescriptionType.ORDINARY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
