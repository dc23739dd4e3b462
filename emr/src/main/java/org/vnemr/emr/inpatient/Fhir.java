package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Hệ mã và định danh của nội trú: the systems and codes of docs/architecture/clinical-data.md the inpatient screens
 * write, in one place so every screen writes the same thing.
 */
final class Fhir {

    static final String VN = "http://fhir.hl7.org.vn/core";
    static final String V = "https://vnemr.org/fhir";
    /** v3-DataOperation: what a Provenance says was done to its target (stopped, corrected …). */
    static final String DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    static final String MA_LK = VN + "/sid/ma-lk";
    static final String MA_CSKCB = VN + "/sid/ma-cskcb";
    static final String MA_KHOA = V + "/sid/ma-khoa";
    static final String MA_GIUONG = V + "/sid/ma-giuong";
    static final String MA_BN = V + "/sid/ma-bn";
    static final String ICD10 = VN + "/CodeSystem/vn-icd10-cs";
    static final String ENCOUNTER_TYPE = VN + "/CodeSystem/vn-encounter-type-cs";
    static final String DISCHARGE_DISPOSITION = VN + "/CodeSystem/vn-discharge-disposition-cs";
    static final String TREATMENT_OUTCOME = VN + "/CodeSystem/vn-treatment-outcome-cs";
    static final String TREATMENT_OUTCOME_EXT = VN + "/StructureDefinition/vn-ext-treatment-outcome";
    static final String DOCUMENT_TYPE = V + "/CodeSystem/document-type";
    static final String DOCUMENT_SECTION = V + "/CodeSystem/document-section";
    static final String CATALOGUE_SERVICE = V + "/CodeSystem/catalogue-service";
    static final String CATALOGUE_DRUG = V + "/CodeSystem/catalogue-drug";
    static final String DRUG_ROUTE = V + "/CodeSystem/drug-route";
    /** One form field's typed value on a Composition section (see clinical-data.md, "Documents"). */
    static final String RECORD_FIELD = V + "/StructureDefinition/record-field";
    /** The admission record form chosen at admission, on the stay Encounter. */
    static final String RECORD_TYPE_EXT = V + "/StructureDefinition/admission-record-type";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ADMISSION_ORDER = "32485007";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    static final String BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";
    static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String MED_REQUEST_CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String LOINC = "http://loinc.org";

    /** Mã bệnh ICD-10: letter, two digits, optionally a dot and one or two more (QĐ 4469 spelling). */
    static final java.util.regex.Pattern ICD_CODE = java.util.regex.Pattern.compile("[A-Z][0-9]{2}(\\.[0-9A-Z]{1,2})?");

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Fhir() {
    }

    static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse(null);
    }

    static String code(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode)
                .findFirst().orElse(null);
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }

    static Date date(LocalDateTime local) {
        return Date.from(local.atZone(ZONE).toInstant());
    }

    static LocalDateTime local(Date date) {
        return date == null ? null : LocalDateTime.ofInstant(date.toInstant(), ZONE);
    }

    static LocalDate day(Date date) {
        return date == null ? null : local(date).toLocalDate();
    }

    static String show(Date date) {
        return date == null ? "" : DAY_TIME.format(local(date));
    }

    static String showDay(Date date) {
        return date == null ? "" : DAY.format(local(date));
    }

    /** Records a form's field values on a section, so the form can be reopened and exports read them by id. */
    static void putFields(Composition.SectionComponent section, Map<String, String> values) {
        values.forEach((id, value) -> {
            if (value != null && !value.isBlank()) {
                Extension field = section.addExtension().setUrl(RECORD_FIELD);
                field.addExtension("id", new StringType(id));
                field.addExtension("value", new StringType(value));
            }
        });
    }

    /** The values {@link #putFields} wrote, of a section and its sub-sections. */
    static void readFields(List<Composition.SectionComponent> sections, Map<String, String> into) {
        for (Composition.SectionComponent section : sections) {
            for (Extension field : section.getExtensionsByUrl(RECORD_FIELD)) {
                Extension id = field.getExtensionByUrl("id");
                Extension value = field.getExtensionByUrl("value");
                if (id != null && value != null) {
                    into.put(id.getValue().primitiveValue(), value.getValue().primitiveValue());
                }
            }
            readFields(section.getSection(), into);
        }
    }

    /** XHTML-escaped text for narratives. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
