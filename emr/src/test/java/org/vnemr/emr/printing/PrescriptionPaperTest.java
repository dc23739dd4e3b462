package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** How a drug line is written on the prescription (TT 26/2025). */
class PrescriptionPaperTest {

    private static MedicationRequest line(String quantity) {
        MedicationRequest line = new MedicationRequest();
        line.getDispenseRequest().setQuantity(new Quantity().setValue(new BigDecimal(quantity)).setUnit("Viên"));
        return line;
    }

    @Test
    void aQuantityBelowTenIsWrittenWithALeadingZero() {
        assertThat(PrescriptionPaper.quantity(line("6"))).isEqualTo("06 Viên");
        assertThat(PrescriptionPaper.quantity(line("6.0"))).isEqualTo("06 Viên");
        assertThat(PrescriptionPaper.quantity(line("14"))).isEqualTo("14 Viên");
        assertThat(PrescriptionPaper.quantity(line("2.5"))).isEqualTo("2.5 Viên");
    }

    @Test
    void theSigIsBuiltFromTheStructuredDoseWhenNoTextWasWritten() {
        MedicationRequest line = new MedicationRequest();
        var dosage = line.addDosageInstruction();
        dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(2)));
        dosage.addDoseAndRate().setDose(new Quantity().setValue(new BigDecimal("1.0")).setUnit("viên"));
        assertThat(PrescriptionPaper.sig(line)).isEqualTo("Ngày uống 2 lần, mỗi lần 1 viên");
        dosage.setText("Ngậm dưới lưỡi khi đau ngực");
        assertThat(PrescriptionPaper.sig(line)).isEqualTo("Ngậm dưới lưỡi khi đau ngực");
    }
}
