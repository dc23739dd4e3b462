package org.vnemr.vncore.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.vncore.matching.IdentifierKeys.BHYT_SYSTEM;
import static org.vnemr.vncore.matching.IdentifierKeys.CCCD_SYSTEM;
import static org.vnemr.vncore.matching.IdentifierKeys.PASSPORT_SYSTEM;

class IdentifierKeysTest {

    @Test
    void cccd_withSpacesAndDots_isNormalised() {
        assertThat(IdentifierKeys.key(CCCD_SYSTEM, " 079.190 001 234 ")).contains("CCCD:079190001234");
    }

    @Test
    void bhyt_ofTwelveDigits_isTheCccd() {
        assertThat(IdentifierKeys.key(BHYT_SYSTEM, "079190001234"))
                .isEqualTo(IdentifierKeys.key(CCCD_SYSTEM, "079190001234"));
    }

    @Test
    void legacyBhytCard_matchesItsTenDigitBhxhNumber() {
        assertThat(IdentifierKeys.key(BHYT_SYSTEM, "HT4790123456789")).contains("BHXH:0123456789");
        assertThat(IdentifierKeys.key(BHYT_SYSTEM, "0123456789")).contains("BHXH:0123456789");
    }

    @Test
    void legacyBhytCard_inLowerCaseWithSpaces_isNormalised() {
        assertThat(IdentifierKeys.key(BHYT_SYSTEM, "ht 4 79 0123456789")).contains("BHXH:0123456789");
    }

    @Test
    void bhyt_ofAnUnknownForm_keepsItsOwnKind() {
        assertThat(IdentifierKeys.key(BHYT_SYSTEM, "ABC123")).contains("BHYT:ABC123");
    }

    @Test
    void passport_isUpperCased() {
        assertThat(IdentifierKeys.key(PASSPORT_SYSTEM, "c1234567")).contains("PASSPORT:C1234567");
    }

    @Test
    void unknownSystemOrEmptyValue_givesNoKey() {
        assertThat(IdentifierKeys.key("urn:oid:1.2.3", "123")).isEmpty();
        assertThat(IdentifierKeys.key(CCCD_SYSTEM, " ")).isEmpty();
        assertThat(IdentifierKeys.key(null, "079190001234")).isEmpty();
    }
}
