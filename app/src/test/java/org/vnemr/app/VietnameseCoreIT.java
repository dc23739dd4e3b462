package org.vnemr.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.vncore.VnCoreConfiguration;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.matching.PatientMatchingConfiguration;
import org.vnemr.vncore.registration.CccdQrCode;
import org.vnemr.vncore.registration.PatientDraft;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vietnamese core working together as the node runs it: the real ICD-10 VN and administrative units loaded by
 * the terminology loader, the VN Core profile checks on every write, and registration from a scanned CCCD card
 * followed by the duplicate check.
 */
class VietnameseCoreIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(TerminologyConfiguration.class, VnCoreConfiguration.class,
                PatientMatchingConfiguration.class));
        // terminology requests wait until the first load of the shipped code systems is done
        assertThat(server.get("ValueSet/$expand?url=" + enc("https://vnemr.org/fhir/ValueSet/vn-icd10-all")
                + "&filter=J18&count=1").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String igStylePatient(String cccd, String wardCode, String gender) {
        return """
                {"resourceType":"Patient",
                 "meta":{"profile":["http://fhir.hl7.org.vn/core/StructureDefinition/vn-core-patient"]},
                 "extension":[{"url":"http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ethnicity",
                   "valueCodeableConcept":{"coding":[{"system":"http://fhir.hl7.org.vn/core/CodeSystem/vn-ethnicity-cs","code":"01"}]}}],
                 "identifier":[{"system":"http://fhir.hl7.org.vn/core/sid/cccd","value":"%s"},
                               {"system":"http://fhir.hl7.org.vn/core/sid/bhyt","value":"HT4790123456789"}],
                 "name":[{"text":"Trần Thị Ánh Tuyết","family":"Trần","given":["Thị","Ánh","Tuyết"]}],
                 "gender":"%s","birthDate":"2001-03-04",
                 "address":[{"extension":[
                   {"url":"http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-province","valueCoding":{"code":"01"}},
                   {"url":"http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ward","valueCoding":{"code":"%s"}}],
                   "text":"Số 5 ngõ 12 Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội","country":"VN"}]}"""
                .formatted(cccd, gender, wardCode);
    }

    private static String condition(String patientId, String icd10) {
        return """
                {"resourceType":"Condition","subject":{"reference":"Patient/%s"},"recordedDate":"2026-11-20",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"encounter-diagnosis"}]}],
                 "code":{"coding":[{"system":"http://fhir.hl7.org.vn/core/CodeSystem/vn-icd10-cs","code":"%s"}]}}"""
                .formatted(patientId, icd10);
    }

    private static JsonNode json(Response r) {
        return FhirJson.parseResource(r.body());
    }

    @Test
    void igStylePatient_isAccepted() {
        Response created = server.post("Patient", igStylePatient("001301012345", "00004", "female"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void malformedCccd_isRefusedNamingTheFieldInVietnamese() {
        Response refused = server.post("Patient", igStylePatient("07930101234", "00004", "female"));
        assertThat(refused.status()).isEqualTo(422);
        JsonNode issue = json(refused).path("issue").get(0);
        assertThat(issue.path("expression").get(0).asText()).startsWith("Patient.identifier[0]");
        assertThat(issue.path("details").path("text").asText()).contains("CCCD");
    }

    @Test
    void unknownWard_isRefused() {
        Response refused = server.post("Patient", igStylePatient("001301012346", "99999", "female"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Patient.address[0].extension[1]");
    }

    @Test
    void diagnosisForTheOtherSex_isRefusedByTheIcd10VnAppendixRule() {
        String man = igStylePatient("001085012347", "00004", "male").replace("2001-03-04", "1985-04-02");
        Response patient = server.post("Patient", man);
        assertThat(patient.status()).as(patient.body()).isEqualTo(201);
        String id = json(patient).path("id").asText();

        Response refused = server.post("Condition", condition(id, "O80"));
        assertThat(refused.status()).isEqualTo(422);
        JsonNode issue = json(refused).path("issue").get(0);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Condition.code.coding[0].code");
        assertThat(issue.path("details").path("text").asText()).contains("O80");
        assertThat(refused.body()).contains("VNEMR-3069").contains("VNEMR-2022");

        assertThat(server.post("Condition", condition(id, "J18.9")).status()).isEqualTo(201);
        assertThat(server.post("Condition", condition(id, "X99.999")).status()).isEqualTo(422);
    }

    @Test
    void expandWithoutDiacritics_putsPneumoniaFirst() {
        Response expanded = server.get("ValueSet/$expand?url=" + enc("https://vnemr.org/fhir/ValueSet/vn-icd10-all")
                + "&filter=" + enc("viem phoi") + "&count=10");
        assertThat(expanded.status()).isEqualTo(200);
        assertThat(json(expanded).path("expansion").path("contains").get(0).path("display").asText())
                .startsWith("Viêm phổi");
    }

    @Test
    void registrationFromAScannedCard_thenTheDuplicateCheckFindsTheSamePersonCertainly() {
        String scanned = "001090000123|012345678|Nguyễn Văn An|15061990|Nam|Số 1 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội|01022022";
        CccdQrCode qr = CccdQrCode.parse(scanned).toOptional().orElseThrow();
        ObjectNode draft = PatientDraft.fromQr(qr, AdministrativeUnits.bundled());
        Response created = server.post("Patient", draft.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\",\"resource\":"
                + PatientDraft.fromQr(qr, AdministrativeUnits.bundled()) + "},"
                + "{\"name\":\"onlyCertainMatches\",\"valueBoolean\":true}]}";
        Response matches = server.post("Patient/$match", parameters);
        assertThat(matches.status()).as(matches.body()).isEqualTo(200);
        JsonNode entry = json(matches).path("entry").get(0);
        assertThat(entry.path("resource").path("id").asText()).isEqualTo(json(created).path("id").asText());
        assertThat(entry.toString()).contains("certain");
    }
}
