package org.vnemr.vncore.profile;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.vnemr.vncore.VnCoreUrls;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped StructureDefinitions are valid R4, cover what the validator enforces, and say the same thing. */
class StructureDefinitionsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final List<ObjectNode> definitions = VnCoreProfiles.structureDefinitions();

    @Test
    void everyDefinition_parsesAsR4_underTheIgCanonical() {
        assertThat(definitions).hasSize(15);
        for (ObjectNode json : definitions) {
            StructureDefinition sd = FHIR.newJsonParser().parseResource(StructureDefinition.class, json.toString());
            assertThat(sd.getUrl()).isEqualTo(VnCoreUrls.SD + json.path("id").asText());
            assertThat(sd.getFhirVersion().toCode()).isEqualTo("4.0.1");
            assertThat(sd.getDerivation()).isEqualTo(StructureDefinition.TypeDerivationRule.CONSTRAINT);
            assertThat(sd.getDifferential().getElement()).isNotEmpty();
        }
    }

    @Test
    void everyProfileTheValidatorEnforces_andEveryExtensionItUses_isDefined() {
        Set<String> urls = definitions.stream().map(sd -> sd.path("url").asText()).collect(Collectors.toSet());

        assertThat(urls).containsAll(VnCoreProfileValidator.PROFILES.values());
        assertThat(urls).contains(VnCoreUrls.EXT_ETHNICITY, VnCoreUrls.EXT_OCCUPATION, VnCoreUrls.EXT_PROVINCE,
                VnCoreUrls.EXT_WARD, VnCoreUrls.EXT_BHYT_CARD_TYPE, VnCoreUrls.EXT_PRIMARY_CARE_FACILITY,
                VnCoreUrls.EXT_INSURANCE_VISIT_TYPE, VnCoreUrls.EXT_TREATMENT_OUTCOME);
        Set<String> referenced = new HashSet<>();
        for (ObjectNode sd : definitions) {
            for (JsonNode e : sd.path("differential").path("element")) {
                for (JsonNode t : e.path("type")) {
                    t.path("profile").forEach(p -> referenced.add(p.asText()));
                }
            }
        }
        referenced.removeIf(u -> u.startsWith("http://hl7.org/fhir/StructureDefinition/"));
        assertThat(urls).containsAll(referenced);
    }

    @Test
    void patientInvariants_holdForTheIgStylePatient_andFailForTheCasesTheValidatorRefuses() {
        ObjectNode good = VnCoreProfileValidatorTest.igStylePatient();
        assertThat(failedRootInvariants(good)).isEmpty();

        ObjectNode badCccd = good.deepCopy();
        ((ObjectNode) badCccd.path("identifier").get(0)).put("value", "07930101234");
        assertThat(failedRootInvariants(badCccd)).containsExactly("vn-cccd-format");

        ObjectNode badBhyt = good.deepCopy();
        ((ObjectNode) badBhyt.path("identifier").get(2)).put("value", "HT9790123456789");
        assertThat(failedRootInvariants(badBhyt)).containsExactly("vn-bhyt-format");

        ObjectNode noCccd = good.deepCopy();
        ((ArrayNode) noCccd.path("identifier")).remove(0);
        assertThat(failedRootInvariants(noCccd)).containsExactly("vn-patient-force-majeure-reason");
    }

    @Test
    void addressInvariant_needsTheProvinceForVietnameseAddresses() {
        JsonNode constraint = constraintsOf("vn-core-patient", "Patient.address").get(0);
        assertThat(constraint.path("key").asText()).isEqualTo("vn-addr-province");
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();

        assertThat(evaluate(patient, "address.all(" + constraint.path("expression").asText() + ")")).isTrue();
        ((ObjectNode) patient.path("address").get(0)).remove("extension");
        assertThat(evaluate(patient, "address.all(" + constraint.path("expression").asText() + ")")).isFalse();
    }

    private List<String> failedRootInvariants(ObjectNode patient) {
        return constraintsOf("vn-core-patient", "Patient").stream()
                .filter(c -> !evaluate(patient, c.path("expression").asText()))
                .map(c -> c.path("key").asText()).toList();
    }

    private List<JsonNode> constraintsOf(String id, String path) {
        ObjectNode sd = definitions.stream().filter(d -> d.path("id").asText().equals(id)).findFirst().orElseThrow();
        for (JsonNode e : sd.path("differential").path("element")) {
            if (e.path("id").asText().equals(path)) {
                List<JsonNode> out = new java.util.ArrayList<>();
                e.path("constraint").forEach(out::add);
                return out;
            }
        }
        throw new AssertionError("no element " + path + " in " + id);
    }

    private static boolean evaluate(ObjectNode resource, String expression) {
        Patient patient = FHIR.newJsonParser().parseResource(Patient.class, resource.toString());
        IFhirPath path = FHIR.newFhirPath();
        List<IBase> result = path.evaluate(patient, expression, IBase.class);
        return result.size() == 1 && result.get(0) instanceof BooleanType b && b.booleanValue();
    }
}
