package org.vnemr.vncore.codes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CodeSystemSourcesTest {

    private final AdministrativeUnitCodeSystems units = new AdministrativeUnitCodeSystems(AdministrativeUnits.bundled());
    private final VnCoreCodeSystems lists = new VnCoreCodeSystems();

    private static Map<String, ObjectNode> byUrl(List<ObjectNode> resources) {
        return resources.stream().collect(Collectors.toMap(r -> r.path("resourceType").asText() + " "
                + r.path("url").asText(), Function.identity()));
    }

    @Test
    void adminUnits_publishProvincesAndWards_withTheWardsProvince() {
        Map<String, ObjectNode> published = byUrl(units.resources());

        ObjectNode provinces = published.get("CodeSystem " + VnCoreUrls.CS_PROVINCE);
        ObjectNode wards = published.get("CodeSystem " + VnCoreUrls.CS_WARD);
        assertThat(provinces.path("concept")).hasSize(34);
        assertThat(wards.path("concept")).hasSize(3321);
        JsonNode baDinh = findConcept(wards, "00004");
        assertThat(baDinh.path("display").asText()).isEqualTo("Phường Ba Đình");
        assertThat(baDinh.path("property").get(0).path("code").asText()).isEqualTo("province");
        assertThat(baDinh.path("property").get(0).path("valueCode").asText()).isEqualTo("01");
        assertThat(published).containsKey("ValueSet " + VnCoreUrls.VS + "vn-ward-vs");
    }

    @Test
    void adminUnits_publishLegacyProvincesAndDistricts_mappedToTheNewProvince() {
        Map<String, ObjectNode> published = byUrl(units.resources());

        JsonNode thaiBinh = findConcept(published.get("CodeSystem " + VnCoreUrls.CS_LEGACY_PROVINCE), "34");
        assertThat(propertyValue(thaiBinh, "province")).isEqualTo("33");
        assertThat(propertyValue(thaiBinh, "status")).isEqualTo("deprecated");
        JsonNode thuDauMot = findConcept(published.get("CodeSystem " + VnCoreUrls.CS_LEGACY_DISTRICT_GSO), "718");
        assertThat(propertyValue(thuDauMot, "legacyProvince")).isEqualTo("74");
        assertThat(propertyValue(thuDauMot, "province")).isEqualTo("79");
    }

    @Test
    void everyResource_hasAStableIdAndTheIgBase() {
        for (ObjectNode r : concat(units.resources(), lists.resources())) {
            assertThat(r.path("id").asText()).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(r.path("url").asText()).startsWith(VnCoreUrls.BASE + "/");
        }
    }

    /** The loader writes these through the store, which refuses what FHIR forbids (e.g. an empty display). */
    @Test
    void everyResource_passesTheStoresStructureValidation() {
        org.vnemr.fhir.validation.FastStructureValidator validator =
                new org.vnemr.fhir.validation.FastStructureValidator(ca.uhn.fhir.context.FhirContext.forR4Cached());
        for (ObjectNode r : concat(units.resources(), lists.resources())) {
            assertThat(validator.validate(r)).as(r.path("resourceType").asText() + "/" + r.path("id").asText())
                    .allSatisfy(issue -> assertThat(issue.getSeverity())
                            .isNotIn(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR,
                                    org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.FATAL));
        }
    }

    @Test
    void codeLists_includeEveryShippedCodeSystem_andEthnicityAndReligion() {
        Set<String> urls = lists.resources().stream().filter(r -> r.path("resourceType").asText().equals("CodeSystem"))
                .map(r -> r.path("url").asText()).collect(Collectors.toSet());

        assertThat(urls).contains(VnCoreUrls.CS_ETHNICITY, VnCoreUrls.CS_RELIGION, VnCoreUrls.CS_BHYT_CARD_TYPE,
                VnCoreUrls.CS_TREATMENT_OUTCOME, VnCoreUrls.CS_INSURANCE_VISIT_TYPE, VnCoreUrls.CS + "vn-district-cs",
                VnCoreUrls.CS + "vn-encounter-type-cs", VnCoreUrls.CS_IDENTIFIER_TYPE);
        assertThat(urls).hasSize(17);
        assertThat(lists.resources()).hasSize(34); // each with its all-codes ValueSet
    }

    @Test
    void ethnicity_followsThe1979Ordering() {
        assertThat(lists.display(VnCoreUrls.CS_ETHNICITY, "01")).contains("Kinh (Việt)");
        assertThat(lists.display(VnCoreUrls.CS_ETHNICITY, "04")).contains("Hoa (Hán)");
        assertThat(lists.contains(VnCoreUrls.CS_ETHNICITY, "54")).isTrue();
        assertThat(lists.contains(VnCoreUrls.CS_ETHNICITY, "57")).isFalse();
        assertThat(lists.isComplete(VnCoreUrls.CS_ETHNICITY)).isTrue();
    }

    @Test
    void religion_keepsTheIgCodesAndAddsTheStatisticsList() {
        assertThat(lists.display(VnCoreUrls.CS_RELIGION, "00")).contains("Không tôn giáo");
        assertThat(lists.display(VnCoreUrls.CS_RELIGION, "01")).contains("Phật giáo");
        assertThat(lists.contains(VnCoreUrls.CS_RELIGION, "14")).isTrue();
        assertThat(lists.isComplete(VnCoreUrls.CS_BHYT_CARD_TYPE)).isFalse();
    }

    @Test
    void provinceListFromTheRegulation_hasTheSameCodesAsTheUnitList() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                VnCoreCodeSystems.FOLDER + "admin-provinces-qd19-2025.json")) {
            JsonNode regulation = new ObjectMapper().readTree(in);
            Set<String> codes = new HashSet<>();
            regulation.path("concept").forEach(c -> codes.add(c.path("code").asText()));

            assertThat(codes).isEqualTo(AdministrativeUnits.bundled().provinces().stream()
                    .map(p -> p.code()).collect(Collectors.toSet()));
        }
    }

    @Test
    void versions_areDigestsOfTheContent() {
        assertThat(units.version()).hasSize(16).isEqualTo(new AdministrativeUnitCodeSystems(
                AdministrativeUnits.bundled()).version());
        assertThat(lists.version()).hasSize(16).isEqualTo(new VnCoreCodeSystems().version());
    }

    private static List<ObjectNode> concat(List<ObjectNode> a, List<ObjectNode> b) {
        List<ObjectNode> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode findConcept(JsonNode cs, String code) {
        for (JsonNode c : cs.path("concept")) {
            if (c.path("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no concept " + code);
    }

    private static String propertyValue(JsonNode concept, String property) {
        for (JsonNode p : concept.path("property")) {
            if (p.path("code").asText().equals(property)) {
                return p.path("valueCode").asText();
            }
        }
        return null;
    }
}
