package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dấu hiệu sinh tồn: the LOINC codes, UCUM units and plausible ranges of clinical-data.md, and the vital-sign
 * Observations built from typed values (systolic and diastolic go together in one blood-pressure panel). The ranges
 * refuse typing slips (a temperature of 375), not unusual patients.
 */
final class VitalSigns {

    /** One vital sign: form field id, LOINC code, Vietnamese label, UCUM unit, plausible range. */
    public record Sign(String field, String loinc, String label, String unit, String shownUnit, BigDecimal min,
                BigDecimal max) {
    }

    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    static final String PULSE = "8867-4";
    static final String TEMPERATURE = "8310-5";
    static final String BP_PANEL = "85354-9";

    static final List<Sign> SIGNS = List.of(
            sign("mach", PULSE, "Mạch", "/min", "lần/phút", "20", "250"),
            sign("nhietDo", TEMPERATURE, "Nhiệt độ", "Cel", "°C", "30", "45"),
            sign("huyetApTamThu", SYSTOLIC, "Huyết áp tâm thu", "mm[Hg]", "mmHg", "40", "300"),
            sign("huyetApTamTruong", DIASTOLIC, "Huyết áp tâm trương", "mm[Hg]", "mmHg", "20", "200"),
            sign("nhipTho", "9279-1", "Nhịp thở", "/min", "lần/phút", "4", "80"),
            sign("spo2", "59408-5", "SpO2", "%", "%", "50", "100"),
            sign("canNang", "29463-7", "Cân nặng", "kg", "kg", "0.3", "300"),
            sign("chieuCao", "8302-2", "Chiều cao", "cm", "cm", "20", "250"));

    private VitalSigns() {
    }

    private static Sign sign(String field, String loinc, String label, String unit, String shown, String min,
                             String max) {
        return new Sign(field, loinc, label, unit, shown, new BigDecimal(min), new BigDecimal(max));
    }

    static Optional<Sign> byLoinc(String loinc) {
        return SIGNS.stream().filter(s -> s.loinc().equals(loinc)).findFirst();
    }

    /**
     * Reads the typed values (by field id) of the signs whose LOINC is in {@code loincByField}; refuses text, values
     * out of range and a diastolic not below the systolic, under the field.
     */
    static Map<String, BigDecimal> read(Map<String, String> form, Map<String, String> loincByField,
                                        FormErrors errors) {
        Map<String, BigDecimal> values = new java.util.LinkedHashMap<>();
        loincByField.forEach((field, loinc) -> {
            String typed = form.get(field);
            if (typed == null || typed.isBlank()) {
                return;
            }
            Sign sign = byLoinc(loinc).orElseThrow();
            try {
                BigDecimal value = new BigDecimal(typed.trim().replace(',', '.'));
                if (value.compareTo(sign.min()) < 0 || value.compareTo(sign.max()) > 0) {
                    errors.add(field, "VNEMR-6320", sign.label(), sign.min().toPlainString(),
                            sign.max().toPlainString(), sign.shownUnit());
                } else {
                    values.put(loinc, value);
                }
            } catch (NumberFormatException e) {
                errors.add(field, "VNEMR-6310", sign.label());
            }
        });
        BigDecimal sys = values.get(SYSTOLIC);
        BigDecimal dia = values.get(DIASTOLIC);
        if (sys != null && dia != null && dia.compareTo(sys) >= 0) {
            loincByField.entrySet().stream().filter(e -> e.getValue().equals(DIASTOLIC)).findFirst()
                    .ifPresent(e -> errors.add(e.getKey(), "VNEMR-6334"));
        } else if ((sys == null) != (dia == null)) {
            loincByField.entrySet().stream().filter(e -> e.getValue().equals(sys == null ? SYSTOLIC : DIASTOLIC))
                    .findFirst().ifPresent(e -> errors.add(e.getKey(), "VNEMR-6338"));
        }
        return values;
    }

    /** Vital-sign Observations (new, with urn ids) for the values by LOINC code. */
    static List<Observation> observations(Map<String, BigDecimal> values, Reference subject, String encounter,
                                          String performer, Date when) {
        List<Observation> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            if (e.getKey().equals(DIASTOLIC)) {
                continue;
            }
            Observation o = base(subject, encounter, performer, when);
            if (e.getKey().equals(SYSTOLIC)) {
                o.setCode(Fhir.concept(Fhir.LOINC, BP_PANEL, "Blood pressure panel"));
                o.addComponent().setCode(Fhir.concept(Fhir.LOINC, SYSTOLIC, "Systolic blood pressure"))
                        .setValue(quantity(e.getValue(), byLoinc(SYSTOLIC).orElseThrow()));
                o.addComponent().setCode(Fhir.concept(Fhir.LOINC, DIASTOLIC, "Diastolic blood pressure"))
                        .setValue(quantity(values.get(DIASTOLIC), byLoinc(DIASTOLIC).orElseThrow()));
            } else {
                Sign sign = byLoinc(e.getKey()).orElseThrow();
                o.setCode(Fhir.concept(Fhir.LOINC, sign.loinc(), null).setText(sign.label()));
                o.setValue(quantity(e.getValue(), sign));
            }
            out.add(o);
        }
        return out;
    }

    private static Observation base(Reference subject, String encounter, String performer, Date when) {
        Observation o = new Observation();
        o.setId("urn:uuid:" + UUID.randomUUID());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(Fhir.concept(Fhir.OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"));
        o.setSubject(subject.copy());
        o.setEncounter(new Reference(encounter));
        o.setEffective(new DateTimeType(when));
        if (performer != null) {
            o.addPerformer(new Reference(performer));
        }
        return o;
    }

    private static Quantity quantity(BigDecimal value, Sign sign) {
        return new Quantity().setValue(value).setUnit(sign.shownUnit()).setSystem("http://unitsofmeasure.org")
                .setCode(sign.unit());
    }
}
