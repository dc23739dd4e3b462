package org.vnemr.vncore;

/**
 * The canonical URLs of the VN Core IG ({@code http://fhir.hl7.org.vn/core}) that vnemr reads and writes. Those
 * marked "chosen" were not captured from the IG; vnemr picked them under the IG's base (see
 * {@code vnemr/vncore/data/PROVENANCE.md}) and will follow the IG when its package is available.
 */
public final class VnCoreUrls {

    public static final String BASE = "http://fhir.hl7.org.vn/core";
    public static final String SD = BASE + "/StructureDefinition/";
    public static final String CS = BASE + "/CodeSystem/";
    public static final String VS = BASE + "/ValueSet/";

    public static final String SID_CCCD = BASE + "/sid/cccd";
    public static final String SID_CMND = BASE + "/sid/cmnd";
    public static final String SID_BHYT = BASE + "/sid/bhyt";
    public static final String SID_PASSPORT = BASE + "/sid/passport";
    public static final String SID_CCHN = BASE + "/sid/cchn";
    public static final String SID_MA_CSKCB = BASE + "/sid/ma-cskcb";
    public static final String SID_MA_LK = BASE + "/sid/ma-lk";

    public static final String EXT_ETHNICITY = SD + "vn-ext-ethnicity";
    public static final String EXT_OCCUPATION = SD + "vn-ext-occupation";
    public static final String EXT_PROVINCE = SD + "vn-ext-province";
    public static final String EXT_WARD = SD + "vn-ext-ward";
    public static final String EXT_BHYT_CARD_TYPE = SD + "vn-ext-bhyt-card-type";
    public static final String EXT_PRIMARY_CARE_FACILITY = SD + "vn-ext-primary-care-facility";
    public static final String EXT_INSURANCE_VISIT_TYPE = SD + "vn-ext-insurance-visit-type";
    public static final String EXT_TREATMENT_OUTCOME = SD + "vn-ext-treatment-outcome";
    /** HL7 standard extension the IG uses for religion from 0.3.0. */
    public static final String EXT_RELIGION = "http://hl7.org/fhir/StructureDefinition/patient-religion";
    /** HL7 standard data-absent-reason, used for "no CCCD" (vn-patient-force-majeure-reason). */
    public static final String EXT_DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    /** Chosen: 2025 provinces (QĐ 19/2025/QĐ-TTg). */
    public static final String CS_PROVINCE = CS + "vn-province-cs";
    /** Chosen: 2025 wards/communes. */
    public static final String CS_WARD = CS + "vn-ward-cs";
    /** Chosen: the 63 legacy provinces (before 07/2025). */
    public static final String CS_LEGACY_PROVINCE = CS + "vn-legacy-province-cs";
    /** Chosen: legacy districts in the statistics office's 3-digit coding (the IG's vn-district-cs uses another). */
    public static final String CS_LEGACY_DISTRICT_GSO = CS + "vn-legacy-district-gso-cs";
    /** Chosen: ethnicity, 1979 ordering (QĐ 121-TCTK/PPCĐ) as XML1 MA_DANTOC uses it. */
    public static final String CS_ETHNICITY = CS + "vn-ethnicity-cs";
    public static final String CS_RELIGION = CS + "vn-religion-cs";
    public static final String CS_BHYT_CARD_TYPE = CS + "vn-bhyt-card-type-cs";
    public static final String CS_INSURANCE_VISIT_TYPE = CS + "vn-insurance-visit-type-cs";
    public static final String CS_TREATMENT_OUTCOME = CS + "vn-treatment-outcome-cs";
    public static final String CS_IDENTIFIER_TYPE = CS + "vn-identifier-type-cs";
    /** ICD-10 VN (QĐ 4469/QĐ-BYT). */
    public static final String CS_ICD10 = CS + "vn-icd10-cs";
    /** The WHO ICD-10 URI, which clients also send for the Vietnamese edition. */
    public static final String ICD10_WHO = "http://hl7.org/fhir/sid/icd-10";

    private VnCoreUrls() {
    }
}
