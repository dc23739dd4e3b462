package org.vnemr.fhir.index;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.schema.SearchParamCatalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class JsonResourceIndexerTest {

    private static final SearchParamCatalog CATALOG = new SearchParamCatalog(FhirContext.forR4Cached());
    private static final JsonResourceIndexer INDEXER = new JsonResourceIndexer(CATALOG);
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static IndexedValues index(String json) {
        return INDEXER.index(parse(json));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> comparable(IndexedValues values) {
        Map<String, Object> result = new TreeMap<>();
        values.asMap().forEach((column, value) ->
                result.put(column, value instanceof Object[] array ? Arrays.asList(array) : value));
        return result;
    }

    private static String[] strings(IndexedValues values, String column) {
        return (String[]) values.get(column);
    }

    @Test
    void index_patientNameWithDiacriticsIsFoldedAndFullNameIndexed() {
        IndexedValues v = index("""
                {"resourceType":"Patient","name":[{"family":"Nguyễn","given":["Văn","Ân"],"prefix":["Ông"]}]}""");

        assertThat((String) v.get("sp_name"))
                .isEqualTo("|nguyen|van|an|ong|van an nguyen|nguyen van an|");
        assertThat(strings(v, "sp_name_exact")).contains("Nguyễn Văn Ân", "Văn Ân Nguyễn", "Nguyễn");
        assertThat((String) v.get("sp_family")).isEqualTo("|nguyen|");
        assertThat((String) v.get("sp_given")).isEqualTo("|van|an|");
    }

    @Test
    void index_decomposedInputFoldsLikeComposedAndExactIsNfc() {
        String decomposed = java.text.Normalizer.normalize("Đặng Thị Hồng", java.text.Normalizer.Form.NFD);
        IndexedValues v = index("{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + decomposed + "\"}]}");

        assertThat((String) v.get("sp_name")).isEqualTo("|dang thi hong|");
        assertThat(strings(v, "sp_name_exact")).containsExactly("Đặng Thị Hồng");
    }

    @Test
    void index_addressPartsAndFullAddressAreIndexed() {
        IndexedValues v = index("""
                {"resourceType":"Patient","address":[{"line":["12 Hàng Bài"],"district":"Hoàn Kiếm","city":"Hà Nội",
                 "country":"VN"}]}""");

        assertThat((String) v.get("sp_address"))
                .isEqualTo("|12 hang bai|hoan kiem|ha noi|vn|12 hang bai hoan kiem ha noi vn|");
        assertThat((String) v.get("sp_address_city")).isEqualTo("|ha noi|");
    }

    @Test
    void index_tokenWithoutSystemGetsBarCode() {
        IndexedValues v = index("""
                {"resourceType":"Patient","gender":"female","active":true}""");

        assertThat(strings(v, "sp_gender")).containsExactly("female", "|female");
        assertThat(strings(v, "sp_active")).containsExactly("true", "|true");
        assertThat(v.get("sp_gender_text")).isNull();
    }

    @Test
    void index_codeableConceptGivesSystemCodeTokensAndFoldedTexts() {
        IndexedValues v = index("""
                {"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"J18.9",
                 "display":"Viêm phổi"}],"text":"Viêm phổi, không đặc hiệu"}}""");

        assertThat(strings(v, "sp_code")).containsExactly(
                "J18.9", "http://hl7.org/fhir/sid/icd-10|J18.9", "http://hl7.org/fhir/sid/icd-10|");
        assertThat((String) v.get("sp_code_text")).isEqualTo("|viem phoi|viem phoi, khong dac hieu|");
    }

    @Test
    void index_identifierGivesSystemValueTokensAndTypeText() {
        IndexedValues v = index("""
                {"resourceType":"Patient","identifier":[{"system":"urn:vn:cccd","value":"001090000001",
                 "type":{"text":"Căn cước"}}]}""");

        assertThat(strings(v, "sp_identifier"))
                .containsExactly("001090000001", "urn:vn:cccd|001090000001", "urn:vn:cccd|");
        assertThat((String) v.get("sp_identifier_text")).isEqualTo("|can cuoc|");
    }

    @Test
    void index_telecomWhereSystemPhoneKeepsOnlyPhones() {
        IndexedValues v = index("""
                {"resourceType":"Patient","telecom":[{"system":"phone","value":"0912345678"},
                 {"system":"email","value":"an@example.vn"}]}""");

        assertThat(strings(v, "sp_phone")).containsExactly("0912345678", "|0912345678");
        assertThat(strings(v, "sp_email")).containsExactly("an@example.vn", "|an@example.vn");
        assertThat(strings(v, "sp_telecom")).hasSize(4);
    }

    @Test
    void index_birthDateCoversTheWholeDayInTheFacilityZone() {
        IndexedValues v = index("""
                {"resourceType":"Patient","birthDate":"1990-01-01"}""");

        assertThat(v.get("sp_birthdate_lo")).isEqualTo(Instant.parse("1989-12-31T17:00:00Z"));
        assertThat(v.get("sp_birthdate_hi")).isEqualTo(Instant.parse("1990-01-01T17:00:00Z"));
    }

    @Test
    void index_observationEffectivePeriodGivesRange() {
        IndexedValues v = index("""
                {"resourceType":"Observation","status":"final","code":{"text":"x"},
                 "effectivePeriod":{"start":"2024-03-05T08:00:00+07:00"}}""");

        assertThat(v.get("sp_date_lo")).isEqualTo(Instant.parse("2024-03-05T01:00:00Z"));
        assertThat(v.get("sp_date_hi")).isEqualTo(DateRange.MAX);
    }

    @Test
    void index_observationEffectiveDateTimeHonoursPrecision() {
        IndexedValues v = index("""
                {"resourceType":"Observation","effectiveDateTime":"2024-03"}""");

        assertThat(v.get("sp_date_lo")).isEqualTo(DateRange.parse("2024-03").low());
        assertThat(v.get("sp_date_hi")).isEqualTo(DateRange.parse("2024-03").high());
    }

    @Test
    void index_timingEventsGiveTheRangeOverAllEvents() {
        IndexedValues v = index("""
                {"resourceType":"MedicationRequest","dosageInstruction":[{"timing":{"event":["2024-05-01","2024-05-03"]}}]}""");

        assertThat(v.get("sp_date_lo")).isEqualTo(DateRange.parse("2024-05-01").low());
        assertThat(v.get("sp_date_hi")).isEqualTo(DateRange.parse("2024-05-03").high());
    }

    @Test
    void index_unparseableDateIsIgnored() {
        IndexedValues v = index("""
                {"resourceType":"Patient","birthDate":"01/02/1990"}""");

        assertThat(v.get("sp_birthdate_lo")).isNull();
    }

    @Test
    void index_referenceWhereResolveIsPatientKeepsOnlyPatients() {
        IndexedValues patient = index("""
                {"resourceType":"Observation","subject":{"reference":"Patient/p1/_history/3"}}""");
        IndexedValues group = index("""
                {"resourceType":"Observation","subject":{"reference":"Group/g1"}}""");
        IndexedValues absolute = index("""
                {"resourceType":"Observation","subject":{"reference":"https://hub.example.vn/fhir/Patient/p9"}}""");

        assertThat(strings(patient, "sp_patient")).containsExactly("Patient/p1");
        assertThat(strings(patient, "sp_subject")).containsExactly("Patient/p1");
        assertThat(group.get("sp_patient")).isNull();
        assertThat(strings(group, "sp_subject")).containsExactly("Group/g1");
        assertThat(strings(absolute, "sp_patient")).containsExactly("https://hub.example.vn/fhir/Patient/p9");
    }

    @Test
    void index_containedReferenceIsSkippedAndIdentifierGoesToIdentColumn() {
        IndexedValues v = index("""
                {"resourceType":"Encounter","subject":{"reference":"#p"},
                 "serviceProvider":{"identifier":{"system":"urn:vn:csyt","value":"01001"}}}""");

        assertThat(v.get("sp_subject")).isNull();
        assertThat(v.get("sp_service_provider")).isNull();
        assertThat(strings(v, "sp_service_provider_ident"))
                .containsExactly("01001", "urn:vn:csyt|01001", "urn:vn:csyt|");
    }

    @Test
    void index_canonicalIsIndexedWithAndWithoutVersion() {
        IndexedValues v = index("""
                {"resourceType":"QuestionnaireResponse","questionnaire":"http://vnemr.org/Questionnaire/kham|2.1"}""");

        assertThat(strings(v, "sp_questionnaire")).containsExactly(
                "http://vnemr.org/Questionnaire/kham|2.1", "http://vnemr.org/Questionnaire/kham");
    }

    @Test
    void index_choiceTypeAsCodeableConceptIgnoresTheReferenceAlternative() {
        IndexedValues byCode = index("""
                {"resourceType":"MedicationRequest","medicationCodeableConcept":{"coding":[{"code":"P01"}]}}""");
        IndexedValues byReference = index("""
                {"resourceType":"MedicationRequest","medicationReference":{"reference":"Medication/m1"}}""");

        assertThat(strings(byCode, "sp_code")).containsExactly("P01", "|P01");
        assertThat(byCode.get("sp_medication")).isNull();
        assertThat(byReference.get("sp_code")).isNull();
        assertThat(strings(byReference, "sp_medication")).containsExactly("Medication/m1");
    }

    @Test
    void index_quantityGivesValueAndSystemCodeUnit() {
        IndexedValues v = index("""
                {"resourceType":"Observation","valueQuantity":{"value":37.50,"unit":"°C",
                 "system":"http://unitsofmeasure.org","code":"Cel"}}""");

        assertThat((BigDecimal[]) v.get("sp_value_quantity")).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("37.5"));
        assertThat(strings(v, "sp_value_quantity_unit")).containsExactly("http://unitsofmeasure.org|Cel|°C");
    }

    @Test
    void index_rangeGivesLowAndHighAndMoneyItsCurrency() {
        IndexedValues condition = index("""
                {"resourceType":"Condition","onsetRange":{"low":{"value":40,"unit":"a"},"high":{"value":50}}}""");
        IndexedValues charge = index("""
                {"resourceType":"ChargeItem","priceOverride":{"value":150000,"currency":"VND"}}""");

        assertThat((BigDecimal[]) condition.get("sp_onset_age")).containsExactly(new BigDecimal(40), new BigDecimal(50));
        assertThat(strings(condition, "sp_onset_age_unit")).containsExactly("||a", "||");
        assertThat((BigDecimal[]) charge.get("sp_price_override")).containsExactly(new BigDecimal(150000));
        assertThat(strings(charge, "sp_price_override_unit")).containsExactly("|VND|");
    }

    @Test
    void index_patientDeceasedIsFalseUnlessDeceasedIsGiven() {
        assertThat(strings(index("{\"resourceType\":\"Patient\"}"), "sp_deceased")).containsExactly("false", "|false");
        assertThat(strings(index("{\"resourceType\":\"Patient\",\"deceasedBoolean\":false}"), "sp_deceased"))
                .containsExactly("false", "|false");
        assertThat(strings(index("{\"resourceType\":\"Patient\",\"deceasedDateTime\":\"2024\"}"), "sp_deceased"))
                .containsExactly("true", "|true");
    }

    @Test
    void index_fallbackToFhirPathGivesTheSameValuesAsTheCompiledPath() {
        JsonResourceIndexer forced = new JsonResourceIndexer(CATALOG,
                Set.of("Patient.deceased", "Patient.name", "Patient.birthdate", "Patient.general-practitioner"));
        ObjectNode patient = parse("""
                {"resourceType":"Patient","id":"p1","deceasedDateTime":"2024-02-01","birthDate":"1950",
                 "name":[{"family":"Trần","given":["Thị","Bình"]}],
                 "generalPractitioner":[{"reference":"Practitioner/d1"}]}""");

        assertThat(forced.fallbackExpressions()).hasSize(4);
        assertThat(comparable(forced.index(patient))).isEqualTo(comparable(INDEXER.index(patient)));
    }

    @Test
    void index_metaTagsProfilesSecurityAndSourceAlwaysGetColumns() {
        IndexedValues v = index("""
                {"resourceType":"Basic","meta":{"tag":[{"system":"urn:vn:tag","code":"bhyt"}],
                 "security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}],
                 "profile":["http://fhir.vn/core/StructureDefinition/vn-core-patient"],"source":"urn:vnemr:node1"}}""");

        assertThat(strings(v, "mt_tag")).containsExactly("bhyt", "urn:vn:tag|bhyt", "urn:vn:tag|");
        assertThat(strings(v, "mt_security")).contains("R");
        assertThat(strings(v, "mt_profile")).containsExactly("http://fhir.vn/core/StructureDefinition/vn-core-patient");
        assertThat(strings(v, "mt_source")).containsExactly("urn:vnemr:node1");
    }

    @Test
    void index_largeExpansionKeepsEachTokenOnce() {
        StringBuilder contains = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            contains.append(i == 0 ? "" : ",").append("{\"system\":\"urn:s\",\"code\":\"c").append(i % 2_500).append("\"}");
        }
        IndexedValues v = index("{\"resourceType\":\"ValueSet\",\"expansion\":{\"contains\":[" + contains + "]}}");

        assertThat(strings(v, "sp_code")).hasSize(2_500 * 2).doesNotHaveDuplicates();
    }

    @Test
    void index_missingValuesLeaveColumnsAbsent() {
        IndexedValues v = index("{\"resourceType\":\"Observation\",\"status\":\"final\"}");

        assertThat(v.asMap()).containsOnlyKeys("sp_status");
    }

    @Test
    void index_unknownResourceTypeGivesOnlyMetaColumns() {
        IndexedValues v = index("{\"resourceType\":\"NotAType\",\"meta\":{\"source\":\"x\"}}");

        assertThat(v.asMap()).containsOnlyKeys("mt_source");
    }
}
