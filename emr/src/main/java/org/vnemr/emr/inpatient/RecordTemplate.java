package org.vnemr.emr.inpatient;

import java.math.BigDecimal;
import java.util.List;

/**
 * Mẫu bệnh án: one admission record form of TT 32/2023 as data ({@code vnemr/records/<code>.json}): its sections
 * and their fields. The generic form ({@link AdmissionRecordController}) renders and saves any of them, so a new
 * form type is a new file. Format: docs/architecture/inpatient.md.
 *
 * @param code           document type code, {@code benh-an-noi-khoa} …
 * @param departmentKinds department kinds (Organization.type text) that use this form by default
 */
public record RecordTemplate(String code, String title, String form, List<String> departmentKinds,
                             List<Section> sections) {

    /** A part of the form; becomes one Composition section with the same code. */
    public record Section(String id, String title, List<Field> fields) {
    }

    /**
     * One input. {@code type}: {@code text}, {@code longtext}, {@code number}, {@code date}, {@code choice},
     * {@code icd}. A number field with a {@code loinc} code is also stored as a vital-sign Observation.
     */
    public record Field(String id, String label, String type, boolean required, String unit, BigDecimal min,
                        BigDecimal max, List<Choice> choices, String loinc, String hint) {

        public List<Choice> choices() {
            return choices == null ? List.of() : choices;
        }
    }

    public record Choice(String code, String label) {
    }

    public List<Field> fields() {
        return sections.stream().flatMap(s -> s.fields().stream()).toList();
    }
}
