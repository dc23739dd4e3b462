package org.vnemr.emr.outpatient;

/** The systems and codes of docs/architecture/clinical-data.md that the outpatient screens write. */
final class VisitCodes {

    static final String V = "https://vnemr.org/fhir";
    static final String VN = "http://fhir.hl7.org.vn/core";
    static final String SID_QUEUE = V + "/sid/so-thu-tu";
    static final String SID_REQUISITION = V + "/sid/phieu-chi-dinh";
    static final String SID_MA_CSKCB = VN + "/sid/ma-cskcb";
    static final String CS_SERVICE = V + "/CodeSystem/catalogue-service";
    static final String CS_DOCUMENT_TYPE = V + "/CodeSystem/document-type";
    static final String CS_DOCUMENT_SECTION = V + "/CodeSystem/document-section";
    static final String CS_YHCT = V + "/CodeSystem/yhct";
    static final String CS_ICD10 = VN + "/CodeSystem/vn-icd10-cs";
    static final String VS_ICD10 = V + "/ValueSet/vn-icd10-all";
    static final String CS_TREATMENT_OUTCOME = VN + "/CodeSystem/vn-treatment-outcome-cs";
    static final String CS_DISCHARGE_DISPOSITION = VN + "/CodeSystem/vn-discharge-disposition-cs";
    static final String EXT_TREATMENT_OUTCOME = VN + "/StructureDefinition/vn-ext-treatment-outcome";
    static final String EXT_SOURCE_ENCOUNTER = V + "/StructureDefinition/source-encounter";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    static final String LAB = "108252007";
    static final String IMAGING = "363679005";
    static final String PROCEDURE = "387713003";
    static final String REFERRAL = "3457005";
    static final String ADMISSION = "32485007";

    static final String PHIEU_KHAM = "phieu-kham";
    static final String GIAY_HEN = "giay-hen-kham-lai";
    static final String GIAY_CHUYEN_TUYEN = "giay-chuyen-tuyen";

    private VisitCodes() {
    }
}
