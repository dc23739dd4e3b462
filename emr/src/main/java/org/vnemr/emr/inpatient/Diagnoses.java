package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.terminology.icd.DiagnosisRules;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Chẩn đoán ICD-10: checks a typed code (spelling always; existence and the sex and age annexes of QĐ 4469 when
 * the terminology module is running) and builds the Condition and the {@code Encounter.diagnosis} entry.
 */
@Component
class Diagnoses {

    private final ObjectProvider<DiagnosisRules> rules;

    Diagnoses(ObjectProvider<DiagnosisRules> rules) {
        this.rules = rules;
    }

    static String normalise(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    /** Adds the problem of {@code code} under {@code field}; true when the code may be recorded. */
    boolean check(String code, String field, Patient patient, LocalDate on, FormErrors errors) {
        String c = normalise(code);
        if (!Fhir.ICD_CODE.matcher(c).matches()) {
            errors.add(field, "VNEMR-6305", c);
            return false;
        }
        DiagnosisRules available = rules.getIfAvailable();
        if (available != null) {
            String sex = patient.getGender() == null ? null : patient.getGender().toCode();
            LocalDate birth = patient.getBirthDate() == null ? null : Fhir.day(patient.getBirthDate());
            List<DiagnosisRules.Problem> problems = available.check(c, sex, birth, on);
            if (!problems.isEmpty()) {
                errors.add(field, "VNEMR-6336", new Object[] {c, problems.get(0).messageVi()},
                        new Object[] {c, problems.get(0).messageEn()});
                return false;
            }
        }
        return true;
    }

    /** A diagnosis of this visit, to be created in the same transaction as {@code encounterRef}. */
    static Condition condition(String code, String text, Reference patient, String encounterRef, Date when) {
        Condition condition = new Condition();
        condition.setId("urn:uuid:" + java.util.UUID.randomUUID());
        condition.setCode(new CodeableConcept().addCoding(new Coding(Fhir.ICD10, normalise(code), null))
                .setText(text == null || text.isBlank() ? null : text.trim()));
        condition.addCategory(Fhir.concept(Fhir.CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
        condition.setClinicalStatus(Fhir.concept(Fhir.CONDITION_CLINICAL, "active", "Active"));
        condition.setSubject(patient.copy());
        condition.setEncounter(new Reference(encounterRef));
        condition.setRecordedDateElement(new DateTimeType(when));
        return condition;
    }

    /** {@code Encounter.diagnosis} with use AD / DD and rank (1 = main). */
    static void link(Encounter encounter, Condition condition, String use, int rank) {
        encounter.addDiagnosis().setCondition(new Reference(condition.getIdElement().getValue()))
                .setUse(Fhir.concept(Fhir.DIAGNOSIS_ROLE, use, "AD".equals(use) ? "Admission diagnosis"
                        : "Discharge diagnosis")).setRank(rank);
    }
}
