package org.vnemr.emr.outpatient;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The range checks of the vital-signs form, field by field. */
class VitalSignsCheckTest {

    private static Map<String, String> errors(Map<String, String> form) {
        Map<String, String> errors = new HashMap<>();
        VitalSignsController.parse(form, errors);
        return errors;
    }

    @Test
    void impossibleValues_areRefusedOnTheirOwnField() {
        assertThat(errors(Map.of("temperature", "29.9"))).containsOnlyKeys("temperature");
        assertThat(errors(Map.of("temperature", "45.1"))).containsOnlyKeys("temperature");
        assertThat(errors(Map.of("pulse", "19"))).containsOnlyKeys("pulse");
        assertThat(errors(Map.of("pulse", "251"))).containsOnlyKeys("pulse");
        assertThat(errors(Map.of("systolic", "301", "diastolic", "80"))).containsOnlyKeys("systolic");
        assertThat(errors(Map.of("systolic", "120", "diastolic", "19"))).containsOnlyKeys("diastolic");
        assertThat(errors(Map.of("spo2", "101"))).containsOnlyKeys("spo2");
        assertThat(errors(Map.of("weight", "0.2"))).containsOnlyKeys("weight");
        assertThat(errors(Map.of("height", "251"))).containsOnlyKeys("height");
        assertThat(errors(Map.of("pulse", "abc")).get("pulse")).startsWith("VNEMR-6203");
    }

    @Test
    void limitsThemselves_andUnusualButPossibleValues_areAccepted() {
        assertThat(errors(Map.of("temperature", "30", "pulse", "250", "spo2", "50", "weight", "0.3",
                "height", "30"))).isEmpty();
        assertThat(errors(Map.of("temperature", "40,5"))).isEmpty();
        assertThat(VitalSign.TEMPERATURE.warning(new BigDecimal("40.5"))).isPresent();
        assertThat(VitalSign.TEMPERATURE.warning(new BigDecimal("36.8"))).isEmpty();
        assertThat(VitalSign.SPO2.warning(new BigDecimal("100"))).isEmpty();
        assertThat(VitalSign.SPO2.warning(new BigDecimal("90"))).isPresent();
    }

    @Test
    void bloodPressure_needsBothValuesWithTheDiastolicBelow() {
        assertThat(errors(Map.of("systolic", "120")).get("diastolic")).startsWith("VNEMR-6205");
        assertThat(errors(Map.of("diastolic", "80")).get("systolic")).startsWith("VNEMR-6205");
        assertThat(errors(Map.of("systolic", "120", "diastolic", "120")).get("diastolic")).startsWith("VNEMR-6204");
    }

    @Test
    void bmi_isComputedFromWeightAndHeight() {
        Map<VitalSign, BigDecimal> values = VitalSignsController.parse(
                new HashMap<>(Map.of("weight", "60", "height", "160")), new HashMap<>());
        assertThat(values.get(VitalSign.BMI)).isEqualByComparingTo("23.4");
        assertThat(VitalSignsController.parse(new HashMap<>(Map.of("weight", "60")), new HashMap<>()))
                .doesNotContainKey(VitalSign.BMI);
    }

    @Test
    void anEmptyForm_isRefusedAsAWhole() {
        assertThat(errors(Map.of())).containsOnlyKeys("vitals");
    }
}
