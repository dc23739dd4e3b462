package org.vnemr.platform.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdMaskingTest {

    @Test
    void aCccd_keepsOnlyItsLastFourDigits() {
        assertThat(IdMasking.identity("001085012345")).isEqualTo("••••••••2345");
    }

    @Test
    void aBhytCard_keepsItsKindAndLastFourDigits() {
        assertThat(IdMasking.bhyt("DN4797912345678")).isEqualTo("DN•••••••••5678");
    }

    @Test
    void aPhoneAndAPassport_keepTheirLastThree() {
        assertThat(IdMasking.phone("0912345678")).isEqualTo("•••••••678");
        assertThat(IdMasking.passport("C1234567")).isEqualTo("•••••567");
    }

    @Test
    void numbersInsideText_areMasked_shortOnesAndIdsAreNot() {
        String line = "Patient?identifier=001085012345&telephone=0912345678&card=DN4797912345678&pp=B7654321"
                + " _count=20 Patient/123 2026-11-25";
        assertThat(IdMasking.maskIn(line)).isEqualTo("Patient?identifier=••••••••2345&telephone=•••••••678"
                + "&card=DN•••••••••5678&pp=B••••321 _count=20 Patient/123 2026-11-25");
    }

    @Test
    void aValueShorterThanWhatIsKept_isFullyMasked() {
        assertThat(IdMasking.identity("12")).isEqualTo("••");
        assertThat(IdMasking.maskIn(null)).isNull();
    }
}
