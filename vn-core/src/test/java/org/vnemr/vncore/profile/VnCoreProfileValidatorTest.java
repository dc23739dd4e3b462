package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.validation.ValidationContext;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.codes.VnCoreCodeSystems;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VnCoreProfileValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VnCoreCodeSystems CODES = new VnCoreCodeSystems();

    private final VnCoreProfileValidator validator = new VnCoreProfileValidator(AdministrativeUnits.bundled(),
            CODES, new SexRestrictedDiagnoses(), false);

    static ObjectNode igStylePatient() {
        try (InputStream in = VnCoreProfileValidatorTest.class.getClassLoader()
                .getResourceAsStream("vnemr/vncore/examples/patient-ig-style.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OperationOutcome.OperationOutcomeIssueComponent> errors(ObjectNode resource) {
        return errors(validator, resource, ValidationContext.NONE);
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> errors(VnCoreProfileValidator v,
            ObjectNode resource, ValidationContext context) {
        return v.validate(resource, context).stream().filter(i -> i.getSeverity() == IssueSeverity.ERROR).toList();
    }

    private static List<String> codes(List<OperationOutcome.OperationOutcomeIssueComponent> findings) {
        return findings.stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
    }

    @Test
    void igStylePatient_hasNoProblem() {
        assertThat(validator.validate(igStylePatient(), ValidationContext.NONE)).isEmpty();
    }

    @Test
    void patient_withMalformedCccd_isRefusedNamingTheField() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("identifier").get(0)).put("value", "07930101234");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3060");
        OperationOutcome.OperationOutcomeIssueComponent issue = errors.get(0);
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Patient.identifier[0].value");
        assertThat(issue.getDetails().getText()).startsWith("Số CCCD tại Patient.identifier[0].value")
                .contains("12 chữ số");
        assertThat(issue.getDiagnostics()).contains("CCCD number at Patient.identifier[0].value");
        assertThat(issue.getDetails().getCoding()).extracting(c -> c.getCode())
                .containsExactly("VNEMR-3060", "VNEMR-3001");
    }

    @Test
    void patient_withCccdOfWrongCentury_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("identifier").get(0)).put("value", "079501012345");

        assertThat(codes(errors(patient))).containsExactly("VNEMR-3060");
    }

    @Test
    void patient_withMalformedBhytCard_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("identifier").get(2)).put("value", "HT9790123456789");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3061");
        assertThat(errors.get(0).getExpression().get(0).getValue()).isEqualTo("Patient.identifier[2].value");
        assertThat(errors.get(0).getDetails().getText()).contains("Mã thẻ BHYT").contains("mức hưởng");
    }

    @Test
    void patient_withUnknownWard_isRefused() {
        ObjectNode patient = igStylePatient();
        ward(patient).put("code", "99999");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3066");
        assertThat(errors.get(0).getExpression().get(0).getValue())
                .isEqualTo("Patient.address[0].extension[1].valueCoding.code");
        assertThat(errors.get(0).getDetails().getText()).contains("Xã/phường").contains("99999");
    }

    @Test
    void patient_withWardOfAnotherProvince_isRefused() {
        ObjectNode patient = igStylePatient();
        ward(patient).put("code", "26743"); // Phường Bến Thành, Hồ Chí Minh — but the province says Hà Nội

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3066");
        assertThat(errors.get(0).getDetails().getText()).contains("không thuộc tỉnh/thành Thành phố Hà Nội");
    }

    @Test
    void patient_withLegacyProvinceCode_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("address").get(0).path("extension").get(0).path("valueCoding")).put("code", "34");

        assertThat(codes(errors(patient))).containsExactly("VNEMR-3065");
    }

    @Test
    void patient_withUnknownEthnicity_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("extension").get(0).path("valueCodeableConcept").path("coding").get(0))
                .put("code", "60");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3067");
        assertThat(errors.get(0).getExpression().get(0).getValue())
                .isEqualTo("Patient.extension[0].valueCodeableConcept.coding[0].code");
    }

    @Test
    void patient_withUnknownReligion_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("extension").get(1).path("valueCodeableConcept").path("coding").get(0))
                .put("code", "99");

        assertThat(codes(errors(patient))).containsExactly("VNEMR-3068");
    }

    @Test
    void claimedPatient_withoutGenderAndBirthDate_isRefusedForEach() {
        ObjectNode patient = igStylePatient();
        patient.remove("gender");
        patient.remove("birthDate");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3070", "VNEMR-3070");
        assertThat(errors.get(0).getDetails().getText()).isEqualTo(
                "Thiếu giới tính (Patient.gender), bắt buộc theo hồ sơ " + VnCoreUrls.SD + "vn-core-patient.");
        assertThat(errors.get(1).getExpression().get(0).getValue()).isEqualTo("Patient.birthDate");
    }

    @Test
    void unclaimedPatient_withoutGender_isAccepted_unlessTheProfileIsRequired() {
        ObjectNode patient = igStylePatient();
        patient.remove("meta");
        patient.remove("gender");

        assertThat(errors(patient)).isEmpty();
        VnCoreProfileValidator strict = new VnCoreProfileValidator(AdministrativeUnits.bundled(), CODES, null, true);
        assertThat(codes(errors(strict, patient, ValidationContext.NONE))).containsExactly("VNEMR-3070");
    }

    @Test
    void unclaimedPatient_withMalformedCccd_isStillRefused() {
        ObjectNode patient = igStylePatient();
        patient.remove("meta");
        ((ObjectNode) patient.path("identifier").get(0)).put("value", "abc");

        assertThat(codes(errors(patient))).containsExactly("VNEMR-3060");
    }

    @Test
    void claimedPatient_withoutCccd_needsAReasonOrPassport() {
        ObjectNode patient = igStylePatient();
        ArrayNode ids = (ArrayNode) patient.path("identifier");
        ids.remove(0);
        ids.remove(0);

        assertThat(codes(errors(patient))).containsExactly("VNEMR-3073");

        ObjectNode absent = ids.addObject();
        absent.put("system", VnCoreUrls.SID_CCCD);
        absent.putObject("_value").putArray("extension").addObject()
                .put("url", VnCoreUrls.EXT_DATA_ABSENT_REASON).put("valueCode", "unknown");
        assertThat(errors(patient)).isEmpty();

        ids.remove(ids.size() - 1);
        ids.addObject().put("system", VnCoreUrls.SID_PASSPORT).put("value", "C1234567");
        assertThat(errors(patient)).isEmpty();
    }

    @Test
    void claimedPatient_vietnameseAddressWithoutProvince_isRefused() {
        ObjectNode patient = igStylePatient();
        ((ObjectNode) patient.path("address").get(0)).remove("extension");

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(patient);

        assertThat(codes(errors)).containsExactly("VNEMR-3071");
        assertThat(errors.get(0).getExpression().get(0).getValue()).isEqualTo("Patient.address[0]");
    }

    @Test
    void patient_whoseCccdDisagreesWithBirthYear_getsOnlyAWarning() {
        ObjectNode patient = igStylePatient();
        patient.put("birthDate", "2002-03-04");

        List<OperationOutcome.OperationOutcomeIssueComponent> findings = validator.validate(patient,
                ValidationContext.NONE);

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).getSeverity()).isEqualTo(IssueSeverity.WARNING);
        assertThat(findings.get(0).getDetails().getCoding()).extracting(c -> c.getCode())
                .containsExactly("VNEMR-3072", "VNEMR-3007");
    }

    @Test
    void condition_withFemaleOnlyCodeForMalePatient_isRefused() {
        ObjectNode male = igStylePatient();
        male.put("gender", "male");
        ValidationContext context = ref -> ref.equals("Patient/p1") ? Optional.of(male) : Optional.empty();

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(validator, condition("O80"), context);

        assertThat(codes(errors)).containsExactly("VNEMR-3069");
        assertThat(errors.get(0).getExpression().get(0).getValue()).isEqualTo("Condition.code.coding[0].code");
        assertThat(errors.get(0).getDetails().getText()).contains("O80").contains("chỉ dùng cho nữ");
        assertThat(errors(validator, condition("J18.9"), context)).isEmpty();
    }

    @Test
    void condition_forFemalePatient_withFemaleCode_isAccepted() {
        ValidationContext context = ref -> Optional.of(igStylePatient());

        assertThat(errors(validator, condition("O80"), context)).isEmpty();
    }

    @Test
    void condition_withoutDiagnosisRules_isNotChecked() {
        VnCoreProfileValidator noRules = new VnCoreProfileValidator(AdministrativeUnits.bundled(), CODES, null, false);
        ObjectNode male = igStylePatient();
        male.put("gender", "male");

        assertThat(errors(noRules, condition("O80"), ref -> Optional.of(male))).isEmpty();
    }

    @Test
    void claimedCondition_withoutIcd10_isRefused() {
        ObjectNode condition = condition("O80");
        condition.putObject("meta").putArray("profile").add(VnCoreUrls.SD + "vn-core-condition");
        ((ObjectNode) condition.path("code").path("coding").get(0)).put("system", "http://snomed.info/sct");

        assertThat(codes(errors(condition))).containsExactly("VNEMR-3074");
    }

    @Test
    void coverage_withBadCardNumberAndFacility_isRefusedForEach() throws IOException {
        ObjectNode coverage = (ObjectNode) JSON.readTree("""
                {"resourceType":"Coverage","status":"active",
                 "extension":[{"url":"%s","valueReference":{"identifier":{"system":"%s","value":"7902"}}}],
                 "identifier":[{"system":"%s","value":"DN401012345678"}],
                 "beneficiary":{"reference":"Patient/p1"},"payor":[{"display":"BHXH Việt Nam"}]}
                """.formatted(VnCoreUrls.EXT_PRIMARY_CARE_FACILITY, VnCoreUrls.SID_MA_CSKCB, VnCoreUrls.SID_BHYT));

        List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(coverage);

        assertThat(codes(errors)).containsExactly("VNEMR-3061", "VNEMR-3064");
        assertThat(errors.get(1).getExpression().get(0).getValue())
                .isEqualTo("Coverage.extension[0].valueReference.identifier.value");
    }

    @Test
    void claimedCoverage_withoutCardNumberOrPeriod_isRefused() throws IOException {
        ObjectNode coverage = (ObjectNode) JSON.readTree("""
                {"resourceType":"Coverage","status":"active","meta":{"profile":["%s"]},
                 "beneficiary":{"reference":"Patient/p1"},"payor":[{"display":"BHXH Việt Nam"}]}
                """.formatted(VnCoreUrls.SD + "vn-core-coverage"));

        assertThat(errors(coverage)).extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly("Coverage.identifier", "Coverage.period");
    }

    @Test
    void practitioner_withMalformedLicence_isRefused() throws IOException {
        ObjectNode practitioner = (ObjectNode) JSON.readTree("""
                {"resourceType":"Practitioner","identifier":[{"system":"%s","value":"123/HNO-XYZ"}],
                 "name":[{"text":"BS. Lê Văn Minh"}]}
                """.formatted(VnCoreUrls.SID_CCHN));

        assertThat(codes(errors(practitioner))).containsExactly("VNEMR-3063");
    }

    @Test
    void organization_withMalformedFacilityCode_isRefused() throws IOException {
        ObjectNode organization = (ObjectNode) JSON.readTree("""
                {"resourceType":"Organization","identifier":[{"system":"%s","value":"03001"}],
                 "name":"Trạm Y tế xã"}
                """.formatted(VnCoreUrls.SID_MA_CSKCB));

        assertThat(codes(errors(organization))).containsExactly("VNEMR-3064");
    }

    @Test
    void otherResources_areLeftAlone() throws IOException {
        ObjectNode observation = (ObjectNode) JSON.readTree("""
                {"resourceType":"Observation","status":"final","code":{"text":"Mạch"},
                 "identifier":[{"system":"https://lab.example.vn","value":"abc"}]}
                """);

        assertThat(validator.validate(observation, ValidationContext.NONE)).isEmpty();
    }

    @Test
    void patientDraftFromTheCardQr_passesTheProfile() {
        var qr = org.vnemr.vncore.registration.CccdQrCode.parse("001098001234|012345678|Nguyễn Văn An|15031998|Nam|"
                + "Thôn Đông, Xã Yên Sở, Huyện Hoài Đức, Hà Nội|10082021").value();
        ObjectNode draft = org.vnemr.vncore.registration.PatientDraft.fromQr(qr);

        assertThat(validator.validate(draft, ValidationContext.NONE)).isEmpty();
        assertThat(draft.path("address").get(0).path("extension").get(0).path("valueCoding").path("code").asText())
                .isEqualTo("01");
    }

    private static ObjectNode condition(String icd10) {
        ObjectNode condition = JSON.createObjectNode();
        condition.put("resourceType", "Condition");
        ObjectNode coding = condition.putObject("code").putArray("coding").addObject();
        coding.put("system", VnCoreUrls.CS_ICD10);
        coding.put("code", icd10);
        condition.putObject("subject").put("reference", "Patient/p1");
        condition.put("recordedDate", "2026-05-01");
        return condition;
    }

    private static ObjectNode ward(ObjectNode patient) {
        return (ObjectNode) patient.path("address").get(0).path("extension").get(1).path("valueCoding");
    }
}
