package org.vnemr.emr.registration;

import org.junit.jupiter.api.Test;
import org.vnemr.vncore.VnCoreUrls;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one search box read the way the desk types into it. */
class PatientQueryTest {

    @Test
    void twelveDigits_areACccd() {
        PatientQuery q = PatientQuery.of(" 001 191 004321 ");
        assertThat(q.kind()).isEqualTo("cccd");
        assertThat(q.params().get("identifier")).containsExactly(VnCoreUrls.SID_CCCD + "|001191004321");
    }

    @Test
    void aNumberStartingWith0OrPlus84_isAPhoneInItsNationalForm() {
        assertThat(PatientQuery.of("0912 345 678").params().get("telecom")).containsExactly("0912345678");
        assertThat(PatientQuery.of("+84912345678").params().get("telecom")).containsExactly("0912345678");
    }

    @Test
    void fifteenCharactersOrTenDigits_areABhytCard() {
        assertThat(PatientQuery.of("dn4010123456789").params().get("identifier"))
                .containsExactly(VnCoreUrls.SID_BHYT + "|DN4010123456789");
        assertThat(PatientQuery.of("7912345678").kind()).isEqualTo("bhyt");
    }

    @Test
    void bnAndDigits_isThePatientNumber_paddedTo8() {
        assertThat(PatientQuery.of("bn123").params().get("identifier"))
                .containsExactly(PatientForm.MRN_SYSTEM + "|BN00000123");
    }

    @Test
    void anythingElse_isAName_withAtMost20Rows() {
        PatientQuery q = PatientQuery.of("nguyen van an");
        assertThat(q.kind()).isEqualTo("name");
        assertThat(q.params().get("name")).containsExactly("nguyen van an");
        assertThat(q.params().get("_count")).isEqualTo(List.of("20"));
    }
}
