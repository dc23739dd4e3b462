package org.vnemr.fhir.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Transaction and batch Bundles. */
class TransactionIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(Response r) {
        return FhirJson.parseResource(r.body());
    }

    private static String entry(String fullUrl, String resource, String method, String url) {
        return "{" + (fullUrl == null ? "" : "\"fullUrl\":\"" + fullUrl + "\",")
                + (resource == null ? "" : "\"resource\":" + resource + ",")
                + "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"}}";
    }

    private static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    @Test
    void transaction_resolvesUrnUuidReferencesToTheNewIds() {
        String cccd = "0010" + UUID.randomUUID().toString().replaceAll("\\D", "").substring(0, 8);
        Response r = server.post("", bundle("transaction",
                entry("urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a",
                        "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"http://fhir.hl7.org.vn/core/sid/cccd\",\"value\":\"" + cccd + "\"}]}",
                        "POST", "Patient"),
                entry(null, "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},"
                        + "\"subject\":{\"reference\":\"urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a\"}}", "POST", "Encounter")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode response = json(r);
        assertThat(response.path("type").asText()).isEqualTo("transaction-response");
        String patientLocation = response.path("entry").get(0).path("response").path("location").asText();
        String encounterLocation = response.path("entry").get(1).path("response").path("location").asText();
        assertThat(response.path("entry").get(0).path("response").path("status").asText()).startsWith("201");
        String patientId = patientLocation.split("/")[1];
        JsonNode encounter = json(server.get(encounterLocation.replaceAll("/_history/.*", "")));
        assertThat(encounter.path("subject").path("reference").asText()).isEqualTo("Patient/" + patientId);
    }

    @Test
    void transaction_isAtomic_oneBadEntryStoresNothing() {
        String family = "Nguyên-tử-" + UUID.randomUUID().toString().substring(0, 6);
        Response r = server.post("", bundle("transaction",
                entry("urn:uuid:a1", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]}", "POST", "Patient"),
                entry(null, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                        + "\"subject\":{\"reference\":\"Patient/does-not-exist\"}}", "POST", "Observation")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("VNEMR-1011");
        JsonNode history = json(server.get("Patient/_history?_count=1000"));
        assertThat(history.toString()).doesNotContain(family);
    }

    @Test
    void transaction_conditionalCreateAndConditionalReference() {
        String value = "cond-" + UUID.randomUUID();
        String patient = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + value + "\"}]}";
        String first = "{\"fullUrl\":\"urn:uuid:p1\",\"resource\":" + patient + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\","
                + "\"ifNoneExist\":\"identifier=urn:test|" + value + "\"}}";
        Response created = server.post("", bundle("transaction", first));
        assertThat(created.status()).isEqualTo(200);
        String location = json(created).path("entry").get(0).path("response").path("location").asText();
        Response again = server.post("", bundle("transaction", first,
                entry(null, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                        + "\"subject\":{\"reference\":\"Patient?identifier=urn:test|" + value + "\"}}", "POST", "Observation")));
        assertThat(again.status()).isEqualTo(200);
        JsonNode entries = json(again).path("entry");
        assertThat(entries.get(0).path("response").path("status").asText()).startsWith("200");
        assertThat(entries.get(0).path("response").path("location").asText()).isEqualTo(location);
        String observation = entries.get(1).path("response").path("location").asText().replaceAll("/_history/.*", "");
        assertThat(json(server.get(observation)).path("subject").path("reference").asText())
                .isEqualTo(location.replaceAll("/_history/.*", ""));
    }

    @Test
    void transaction_updateDeleteAndReadInOneBundle() {
        String id = "tx-" + UUID.randomUUID().toString().substring(0, 8);
        server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"male\"}");
        String other = "tx-" + UUID.randomUUID().toString().substring(0, 8);
        server.put("Patient/" + other, "{\"resourceType\":\"Patient\",\"id\":\"" + other + "\"}");
        Response r = server.post("", bundle("transaction",
                entry(null, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\"}", "PUT", "Patient/" + id),
                entry(null, null, "DELETE", "Patient/" + other),
                entry(null, null, "GET", "Patient/" + id)));
        assertThat(r.status()).isEqualTo(200);
        JsonNode entries = json(r).path("entry");
        assertThat(entries.get(0).path("response").path("etag").asText()).isEqualTo("W/\"2\"");
        assertThat(entries.get(1).path("response").path("status").asText()).startsWith("204");
        assertThat(entries.get(2).path("resource").path("gender").asText()).isEqualTo("female");
        assertThat(server.get("Patient/" + other).status()).isEqualTo(410);
    }

    @Test
    void transaction_twoEntriesForOneResourceIs400() {
        String id = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}";
        Response r = server.post("", bundle("transaction", entry(null, body, "PUT", "Patient/" + id),
                entry(null, body, "PUT", "Patient/" + id)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("VNEMR-1016");
    }

    @Test
    void batch_runsEntriesIndependentlyAndReportsEach() {
        Response r = server.post("", bundle("batch",
                entry(null, "{\"resourceType\":\"Patient\",\"gender\":\"male\"}", "POST", "Patient"),
                entry(null, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                        + "\"subject\":{\"reference\":\"Patient/nope\"}}", "POST", "Observation"),
                entry(null, null, "GET", "Patient/nope")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode entries = json(r).path("entry");
        assertThat(json(r).path("type").asText()).isEqualTo("batch-response");
        assertThat(entries.get(0).path("response").path("status").asText()).startsWith("201");
        assertThat(entries.get(1).path("response").path("status").asText()).isEqualTo("422");
        assertThat(entries.get(1).path("response").path("outcome").toString()).contains("VNEMR-1011");
        assertThat(entries.get(2).path("response").path("status").asText()).isEqualTo("404");
    }

    @Test
    void transaction_inXmlWorksLikeJson() {
        Response r = server.send("POST", "", """
                <Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/>
                <entry><fullUrl value="urn:uuid:0a5a1fa3-4a3e-4c36-9e41-1f4dd1a2b6b1"/><resource><Patient><gender value="male"/></Patient></resource>
                <request><method value="POST"/><url value="Patient"/></request></entry></Bundle>""",
                Map.of("Content-Type", "application/fhir+xml", "Accept", "application/fhir+xml"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("transaction-response").contains("201");
    }

    @Test
    void bundleOfAnotherType_isRefused() {
        Response r = server.post("", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
        assertThat(r.status()).isEqualTo(400);
    }
}
