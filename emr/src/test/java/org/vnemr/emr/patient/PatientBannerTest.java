package org.vnemr.emr.patient;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The banner shows what the contract stores, in the form a clinician reads it. */
class PatientBannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void age_isInYearsFromSixAndInMonthsBelow() {
        assertThat(PatientBanner.age(LocalDate.of(1984, 11, 26), TODAY)).isEqualTo("41 tuổi");
        assertThat(PatientBanner.age(LocalDate.of(1984, 11, 25), TODAY)).isEqualTo("42 tuổi");
        assertThat(PatientBanner.age(LocalDate.of(2020, 11, 25), TODAY)).isEqualTo("6 tuổi");
        assertThat(PatientBanner.age(LocalDate.of(2020, 11, 26), TODAY)).isEqualTo("71 tháng");
        assertThat(PatientBanner.age(LocalDate.of(2026, 10, 1), TODAY)).isEqualTo("1 tháng");
    }

    @Test
    void theCccd_keepsOnlyItsProvinceAndLastDigitsVisible() {
        assertThat(PatientBanner.mask("079301012345")).isEqualTo("079******345");
        assertThat(PatientBanner.mask(null)).isEmpty();
    }

    @Test
    void theBanner_readsNameSexAllergiesAndTheCardWithItsBenefitLevel() {
        Patient p = new Patient();
        p.setId("p1");
        p.addName().setFamily("Nguyễn").addGiven("Văn").addGiven("An");
        p.setGender(Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType("1984-01-02"));
        p.addIdentifier().setSystem(PatientBanner.SID_MRN).setValue("BN00000001");
        AllergyIntolerance penicillin = new AllergyIntolerance();
        penicillin.getCode().setText("Penicillin");
        AllergyIntolerance wrong = new AllergyIntolerance();
        wrong.getCode().setText("Nhầm");
        wrong.getVerificationStatus().addCoding().setCode("entered-in-error");
        Coverage card = new Coverage();
        card.addIdentifier().setSystem(PatientBanner.SID_BHYT).setValue("HT4790123456789");
        card.setPeriod(new Period().setStart(date(LocalDate.of(2026, 1, 1))).setEnd(date(LocalDate.of(2026, 6, 30))));
        card.addClass_().setValue("80").getType().setText("muc-huong");

        PatientBanner banner = PatientBanner.of(p, List.of(penicillin, wrong), card, TODAY);

        assertThat(banner.name()).isEqualTo("Nguyễn Văn An");
        assertThat(banner.sex()).isEqualTo("Nam");
        assertThat(banner.age()).isEqualTo("42 tuổi");
        assertThat(banner.birthDate()).isEqualTo("02/01/1984");
        assertThat(banner.mrn()).isEqualTo("BN00000001");
        assertThat(banner.allergies()).containsExactly("Penicillin");
        assertThat(banner.coverageNumber()).isEqualTo("HT4790123456789");
        assertThat(banner.coverageValidity()).isEqualTo("01/01/2026 – 30/06/2026");
        assertThat(banner.coverageExpired()).isTrue();
        assertThat(banner.benefitLevel()).isEqualTo("80");
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant());
    }
}
