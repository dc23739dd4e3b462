package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed vital signs: slips are refused under their field, blood pressure becomes one panel with two components. */
class VitalSignsTest {

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        VitalSigns.SIGNS.forEach(s -> fields.put(s.field(), s.loinc()));
        return fields;
    }

    @Test
    void aTemperatureTypedWithoutItsDecimalPoint_andText_areRefusedUnderTheirFields() {
        FormErrors errors = new FormErrors();
        Map<String, BigDecimal> values = VitalSigns.read(Map.of("nhietDo", "375", "mach", "nhanh", "spo2", "97"),
                fields(), errors);
        assertThat(errors.map()).containsKeys("nhietDo", "mach").doesNotContainKey("spo2");
        assertThat(errors.map().get("nhietDo")).contains("VNEMR-6320");
        assertThat(errors.map().get("mach")).contains("VNEMR-6310");
        assertThat(values).containsOnlyKeys("59408-5");
    }

    @Test
    void bloodPressure_needsBothValuesWithTheDiastolicBelow_andIsStoredAsOnePanel() {
        FormErrors half = new FormErrors();
        VitalSigns.read(Map.of("huyetApTamThu", "120"), fields(), half);
        assertThat(half.map().get("huyetApTamTruong")).contains("VNEMR-6338");

        FormErrors errors = new FormErrors();
        Map<String, BigDecimal> values = VitalSigns.read(Map.of("huyetApTamThu", "120", "huyetApTamTruong", "80",
                "nhietDo", "36,8"), fields(), errors);
        assertThat(errors.any()).isFalse();
        List<Observation> observations = VitalSigns.observations(values, new Reference("Patient/1"), "Encounter/2",
                "Practitioner/3", new Date());
        assertThat(observations).hasSize(2);
        Observation panel = observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9")).findFirst().orElseThrow();
        assertThat(panel.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                .containsExactly("8480-6", "8462-4");
        assertThat(panel.getComponent().get(1).getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        Observation temperature = observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("8310-5")).findFirst().orElseThrow();
        assertThat(temperature.getValueQuantity().getValue()).isEqualByComparingTo("36.8");
        assertThat(temperature.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(temperature.getPerformerFirstRep().getReference()).isEqualTo("Practitioner/3");
    }
}
