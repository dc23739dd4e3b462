package org.vnemr.terminology.icd;

import java.time.LocalDate;
import java.util.List;

/**
 * The validity rules of ICD-10 VN (QĐ 4469/QĐ-BYT appendix) for a diagnosis recorded for a patient: the code
 * exists and may be used as a diagnosis, and the sex-only and age-only annexes allow it for this patient.
 */
public interface DiagnosisRules {

    /** One broken rule. {@code code} is the numbered error code; the messages name the code and the rule. */
    record Problem(String code, String messageVi, String messageEn) {
    }

    /**
     * Problems of recording {@code icd10Code} (with or without the dot) for a patient.
     *
     * @param sex       FHIR administrative gender ({@code male}, {@code female}, {@code other}, {@code unknown})
     *                  or {@code null} when not known; rules that need it are skipped
     * @param birthDate {@code null} when not known; age rules are then skipped
     * @param on        the date the diagnosis applies to (onset or recorded date), for the age
     */
    List<Problem> check(String icd10Code, String sex, LocalDate birthDate, LocalDate on);
}
