package org.vnemr.vncore.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class BhytCardTest {

    @Test
    void legacyCard_isSplitIntoItsParts() {
        ParseResult<BhytCard> result = BhytCard.parse("HT4790123456789");

        assertThat(result.problems()).isEmpty();
        BhytCard card = result.value();
        assertThat(card.form()).isEqualTo(BhytCard.Form.LEGACY_15);
        assertThat(card.groupCode()).isEqualTo("HT");
        assertThat(card.benefitLevel()).isEqualTo(4);
        assertThat(card.provinceCode()).isEqualTo("79");
        assertThat(card.bhxhNumber()).isEqualTo("0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dn 4 01 0123456789", "Dn4010123456789", "DN4-01-0123456789", " DN401 0123 456 789 ",
            "ＤＮ４０１０１２３４５６７８９"})
    void legacyCard_typedWithSpacesLowerCaseOrFullWidth_isNormalised(String raw) {
        ParseResult<BhytCard> result = BhytCard.parse(raw);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().number()).isEqualTo("DN4010123456789");
    }

    @Test
    void bhxhNumber_tenDigitsWithLeadingZero_isAccepted() {
        BhytCard card = BhytCard.parse("0123456789").value();

        assertThat(card.form()).isEqualTo(BhytCard.Form.BHXH_10);
        assertThat(card.bhxhNumber()).isEqualTo("0123456789");
    }

    @Test
    void cccdNumber_isAcceptedAsCardNumber() {
        BhytCard card = BhytCard.parse("001098001234").value();

        assertThat(card.form()).isEqualTo(BhytCard.Form.CCCD_12);
        assertThat(card.cccd().birthYear()).isEqualTo(1998);
    }

    @Test
    void cccdNumber_withBadProvince_isRefusedWithTheCccdReason() {
        ParseResult<BhytCard> result = BhytCard.parse("003098001234");

        assertThat(result.codes()).containsExactly("VNEMR-3019");
        assertThat(result.errors().get(0).messageVi()).contains("003");
    }

    @Test
    void legacyCard_withBenefitLevelSix_isRefused() {
        assertThat(BhytCard.parse("DN6010123456789").codes()).containsExactly("VNEMR-3013");
    }

    @Test
    void legacyCard_withDigitInGroup_isRefused() {
        assertThat(BhytCard.parse("D14010123456789").codes()).containsExactly("VNEMR-3012");
    }

    @Test
    void legacyCard_withUnknownProvince_isRefused() {
        assertThat(BhytCard.parse("DN4030123456789").codes()).containsExactly("VNEMR-3014");
    }

    @Test
    void legacyCard_withAgencyCodeInsteadOfProvince_isAcceptedWithWarning() {
        ParseResult<BhytCard> result = BhytCard.parse("QN5970123456789");

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Problem::code).containsExactly("VNEMR-3018");
    }

    @Test
    void legacyCard_withLetterInBhxhNumber_isRefused() {
        assertThat(BhytCard.parse("DN40101234567O9").codes()).containsExactly("VNEMR-3015");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DN401012345678", "12345678901", "HT47901234567890"})
    void number_ofNoKnownLength_isRefused(String raw) {
        assertThat(BhytCard.parse(raw).codes()).containsExactly("VNEMR-3011");
    }

    @Test
    void wholeCard_withValidityFacilityAndArea_isParsed() {
        ParseResult<BhytCard> result = BhytCard.parse("GD4797920999999", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), "79 024", "k2");

        assertThat(result.problems()).isEmpty();
        BhytCard card = result.value();
        assertThat(card.primaryCareFacility().value()).isEqualTo("79024");
        assertThat(card.area()).isEqualTo(AreaCode.K2);
        assertThat(card.isValidOn(LocalDate.of(2026, 6, 1))).isTrue();
        assertThat(card.isValidOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(card.isValidOn(LocalDate.of(2025, 12, 31))).isFalse();
    }

    @Test
    void wholeCard_withReversedDatesBadFacilityAndArea_listsEveryProblem() {
        ParseResult<BhytCard> result = BhytCard.parse("GD4797920999999", LocalDate.of(2026, 12, 31),
                LocalDate.of(2026, 1, 1), "7902", "K4");

        assertThat(result.isValid()).isFalse();
        assertThat(result.codes()).containsExactly("VNEMR-3016", "VNEMR-3020", "VNEMR-3017");
    }
}
