package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.terminology.icd.DiagnosisRules;
import org.vnemr.vncore.VnCoreConfiguration;
import org.vnemr.vncore.VnCoreUrls;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The VN Core rules on the real write path: HTTP API, real database, the module's Spring configuration. */
class VnCoreValidationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FhirTestServer server;

    @Configuration(proxyBeanMethods = false)
    static class TestDiagnosisRules {
        @Bean
        DiagnosisRules diagnosisRules() {
            return new SexRestrictedDiagnoses();
        }
    }

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(VnCoreConfiguration.class, TestDiagnosisRules.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void igStylePatient_isCreated() {
        FhirTestServer.Response response = server.post("Patient",
                VnCoreProfileValidatorTest.igStylePatient().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void patientWithMalformedCccd_isRefusedWithVietnameseMessageNamingTheField() throws Exception {
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();
        ((ObjectNode) patient.path("identifier").get(0)).put("value", "0793010123");

        FhirTestServer.Response response = server.post("Patient", patient.toString());

        assertThat(response.status()).isEqualTo(422);
        var issue = JSON.readTree(response.body()).path("issue").get(0);
        assertThat(issue.path("severity").asText()).isEqualTo("error");
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Patient.identifier[0].value");
        assertThat(issue.path("details").path("text").asText())
                .startsWith("Số CCCD tại Patient.identifier[0].value không hợp lệ");
        assertThat(issue.path("details").path("coding").get(0).path("code").asText()).isEqualTo("VNEMR-3060");
        assertThat(server.get("Patient?identifier=" + VnCoreUrls.SID_CCCD + "%7C0793010123").body())
                .doesNotContain("\"entry\"");
    }

    @Test
    void patientWithUnknownWard_isRefused() throws Exception {
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();
        ((ObjectNode) patient.path("address").get(0).path("extension").get(1).path("valueCoding"))
                .put("code", "99999");

        FhirTestServer.Response response = server.post("Patient", patient.toString());

        assertThat(response.status()).isEqualTo(422);
        var issue = JSON.readTree(response.body()).path("issue").get(0);
        assertThat(issue.path("expression").get(0).asText())
                .isEqualTo("Patient.address[0].extension[1].valueCoding.code");
        assertThat(issue.path("details").path("text").asText()).contains("Xã/phường").contains("99999");
    }

    @Test
    void conditionWithFemaleOnlyCode_forMalePatient_isRefused() throws Exception {
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();
        patient.put("gender", "male");
        ((ObjectNode) patient.path("identifier").get(0)).put("value", "079200012345");
        ((ObjectNode) patient.path("identifier").get(1)).put("value", "079200012345");
        patient.put("birthDate", "2000-01-01");
        patient.put("id", "nam-1");
        assertThat(server.put("Patient/nam-1", patient.toString()).status()).isIn(200, 201);

        FhirTestServer.Response refused = server.post("Condition", condition("Patient/nam-1", "O80").toString());
        FhirTestServer.Response accepted = server.post("Condition", condition("Patient/nam-1", "J18.9").toString());

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        var issue = JSON.readTree(refused.body()).path("issue").get(0);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Condition.code.coding[0].code");
        assertThat(issue.path("details").path("text").asText()).contains("O80").contains("chỉ dùng cho nữ");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void conditionAndMalePatientInOneTransaction_isRefusedAsAWhole() throws Exception {
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();
        patient.put("gender", "male");
        patient.remove("identifier");
        patient.remove("meta");
        patient.set("name", JSON.readTree("[{\"text\":\"Lý Văn Giao\",\"family\":\"Lý\",\"given\":[\"Văn\",\"Giao\"]}]"));
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:6f1c2a8e-3b7d-4a51-9c0e-1f2d3c4b5a60","resource":%s,
                   "request":{"method":"POST","url":"Patient"}},
                  {"resource":%s,"request":{"method":"POST","url":"Condition"}}]}
                """.formatted(patient, condition("urn:uuid:6f1c2a8e-3b7d-4a51-9c0e-1f2d3c4b5a60", "N80.0"));

        FhirTestServer.Response response = server.post("", bundle);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("Bundle.entry[1].resource.Condition.code.coding[0].code");
        assertThat(server.get("Patient?name=Giao").body()).doesNotContain("\"entry\"");
    }

    @Test
    void structureDefinitions_arePublishedAtStartUp() throws Exception {
        FhirTestServer.Response response = server.get("StructureDefinition/vn-core-patient");

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("url").asText())
                .isEqualTo(VnCoreUrls.SD + "vn-core-patient");
        assertThat(server.bean(ProfilePublisher.class).publish()).isZero(); // already there: nothing rewritten
        assertThat(server.get("StructureDefinition?url=" + VnCoreUrls.EXT_WARD).body()).contains("vn-ext-ward");
    }

    private static ObjectNode condition(String subject, String icd10) {
        ObjectNode condition = JSON.createObjectNode();
        condition.put("resourceType", "Condition");
        condition.putObject("meta").putArray("profile").add(VnCoreUrls.SD + "vn-core-condition");
        ObjectNode coding = condition.putObject("code").putArray("coding").addObject();
        coding.put("system", VnCoreUrls.CS_ICD10);
        coding.put("code", icd10);
        condition.putObject("subject").put("reference", subject);
        condition.put("recordedDate", "2026-05-01");
        return condition;
    }
}
