package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Ngày điều trị thứ mấy, as the stay header shows it beside the banner. */
class StayTest {

    private static Stay stay(LocalDate admitted, LocalDate discharged) {
        Encounter e = new Encounter();
        e.setPeriod(new Period().setStart(Fhir.date(admitted.atTime(23, 30)))
                .setEnd(discharged == null ? null : Fhir.date(discharged.atTime(7, 0))));
        return new Stay(e, new Patient(), new Organization(), null);
    }

    @Test
    void theAdmissionDayIsDayOne_evenLateAtNight() {
        assertThat(stay(LocalDate.now(Fhir.ZONE), null).dayOfStay()).isEqualTo(1);
        assertThat(stay(LocalDate.now(Fhir.ZONE).minusDays(2), null).dayOfStay()).isEqualTo(3);
    }

    @Test
    void aDischargedStayCountsToItsDischargeDay_notToToday() {
        LocalDate admitted = LocalDate.now(Fhir.ZONE).minusDays(30);
        assertThat(stay(admitted, admitted.plusDays(4)).dayOfStay()).isEqualTo(5);
    }
}
