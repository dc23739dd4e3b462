package org.vnemr.bhyt.mapping;

import org.vnemr.vncore.VnCoreUrls;

/** The systems and extensions of docs/architecture/clinical-data.md that the export reads and the import writes. */
public final class ContractUrls {

    private ContractUrls() {
    }

    public static final String V = "https://vnemr.org/fhir/";
    public static final String SID_MA_BN = V + "sid/ma-bn";
    public static final String SID_MA_KHOA = V + "sid/ma-khoa";
    public static final String SID_MA_HSBA = V + "sid/ma-hsba";
    public static final String SID_MA_GIUONG = V + "sid/ma-giuong";
    public static final String SID_PAPER_NUMBER = V + "sid/so-giay";
    public static final String SID_MA_LK = VnCoreUrls.SID_MA_LK;
    public static final String SID_MA_CSKCB = VnCoreUrls.SID_MA_CSKCB;
    public static final String SID_BHYT = VnCoreUrls.SID_BHYT;
    public static final String SID_CCCD = VnCoreUrls.SID_CCCD;
    public static final String SID_PASSPORT = VnCoreUrls.SID_PASSPORT;
    public static final String SID_CCHN = VnCoreUrls.SID_CCHN;
    public static final String CS_ICD10 = VnCoreUrls.CS_ICD10;
    public static final String CS_YHCT = V + "CodeSystem/yhct";
    public static final String CS_ENCOUNTER_TYPE = VnCoreUrls.CS + "vn-encounter-type-cs";
    public static final String CS_DISCHARGE = VnCoreUrls.CS + "vn-discharge-disposition-cs";
    public static final String CS_DOCUMENT_TYPE = V + "CodeSystem/document-type";
    public static final String CS_DOCUMENT_SECTION = V + "CodeSystem/document-section";
    public static final String CS_DRUG = V + "CodeSystem/catalogue-drug";
    public static final String CS_SERVICE = V + "CodeSystem/catalogue-service";
    public static final String CS_SUPPLY = V + "CodeSystem/catalogue-supply";
    public static final String CS_BED = V + "CodeSystem/catalogue-bed";
    public static final String CS_ROUTE = V + "CodeSystem/drug-route";
    public static final String CS_ETHNICITY = VnCoreUrls.CS_ETHNICITY;
    public static final String CS_NATIONALITY = V + "CodeSystem/quoc-tich";
    public static final String CS_OCCUPATION = V + "CodeSystem/nghe-nghiep";
    public static final String EXT_ETHNICITY = VnCoreUrls.EXT_ETHNICITY;
    public static final String EXT_OCCUPATION = VnCoreUrls.EXT_OCCUPATION;
    public static final String EXT_NATIONALITY = "http://hl7.org/fhir/StructureDefinition/patient-nationality";
    public static final String EXT_BIRTH_TIME = "http://hl7.org/fhir/StructureDefinition/patient-birthTime";
    public static final String EXT_PROVINCE = VnCoreUrls.EXT_PROVINCE;
    public static final String EXT_WARD = VnCoreUrls.EXT_WARD;
    public static final String EXT_DISTRICT = V + "StructureDefinition/legacy-district";
    public static final String EXT_PRIMARY_CARE = VnCoreUrls.EXT_PRIMARY_CARE_FACILITY;
    public static final String EXT_VISIT_TYPE = VnCoreUrls.EXT_INSURANCE_VISIT_TYPE;
    public static final String CS_VISIT_TYPE = VnCoreUrls.CS_INSURANCE_VISIT_TYPE;
    public static final String EXT_OUTCOME = VnCoreUrls.EXT_TREATMENT_OUTCOME;
    public static final String CS_OUTCOME = VnCoreUrls.CS_TREATMENT_OUTCOME;
    public static final String EXT_CHARGE_SPLIT = V + "StructureDefinition/charge-split";
    public static final String EXT_SOURCE_ENCOUNTER = V + "StructureDefinition/source-encounter";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String REFERRAL = "3457005";
    public static final String LAB = "108252007";
    public static final String IMAGING = "363679005";
    public static final String PROCEDURE = "387713003";
}
