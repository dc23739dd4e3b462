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

/** The REST interactions of one resource over real HTTP and a real database. */
class FhirCrudIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.start("--vnemr.fhir.max-request-bytes=1048576");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(Response r) {
        return FhirJson.parseResource(r.body());
    }

    static String patient(String family) {
        return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Văn\",\"Ân\"]}],"
                + "\"gender\":\"male\",\"birthDate\":\"1990-05-01\"}";
    }

    static String idOf(Response created) {
        return json(created).path("id").asText();
    }

    @Test
    void create_assignsIdVersionAndLocation() {
        Response created = server.post("Patient", patient("Nguyễn"));
        assertThat(created.status()).isEqualTo(201);
        String id = idOf(created);
        assertThat(created.header("Location")).contains("/Patient/" + id + "/_history/1");
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(json(created).path("meta").path("versionId").asText()).isEqualTo("1");
    }

    @Test
    void read_returnsTheStoredResourceWithMetaAndETag() {
        String id = idOf(server.post("Patient", patient("Trần")));
        Response read = server.get("Patient/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(json(read).path("name").get(0).path("family").asText()).isEqualTo("Trần");
        assertThat(json(read).path("resourceType").asText()).isEqualTo("Patient");
    }

    @Test
    void read_unknownIdIs404AndUnknownTypeIs404_withBilingualOutcome() {
        Response missing = server.get("Patient/does-not-exist");
        assertThat(missing.status()).isEqualTo(404);
        JsonNode issue = json(missing).path("issue").get(0);
        assertThat(issue.path("details").path("coding").get(0).path("code").asText()).isEqualTo("VNEMR-1001");
        assertThat(issue.path("details").path("text").asText()).contains("Không tìm thấy");
        assertThat(issue.path("diagnostics").asText()).contains("not found");
        Response unknownType = server.get("Foo/1");
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(unknownType.body()).contains("VNEMR-1004").doesNotContain("Exception");
    }

    @Test
    void update_writesANewVersionAndKeepsTheOld() {
        String id = idOf(server.post("Patient", patient("Lê")));
        Response updated = server.put("Patient/" + id,
                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(json(server.get("Patient/" + id + "/_history/1")).path("gender").asText()).isEqualTo("male");
        assertThat(json(server.get("Patient/" + id)).path("gender").asText()).isEqualTo("female");
        JsonNode history = json(server.get("Patient/" + id + "/_history"));
        assertThat(history.path("type").asText()).isEqualTo("history");
        assertThat(history.path("entry")).hasSize(2);
        assertThat(history.path("entry").get(0).path("resource").path("meta").path("versionId").asText()).isEqualTo("2");
    }

    @Test
    void update_withNewClientIdCreatesTheResource() {
        String id = "bn-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(json(server.get("Patient/" + id)).path("id").asText()).isEqualTo(id);
    }

    @Test
    void update_withStaleIfMatchIs412AndChangesNothing() {
        String id = idOf(server.post("Patient", patient("Phạm")));
        server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\"}");
        Response stale = server.send("PUT", "Patient/" + id,
                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"other\"}", Map.of("If-Match", "W/\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body()).contains("VNEMR-1009");
        assertThat(json(server.get("Patient/" + id)).path("gender").asText()).isEqualTo("female");
        Response fresh = server.send("PUT", "Patient/" + id,
                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"other\"}", Map.of("If-Match", "W/\"2\""));
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void update_withIdMismatchIs400() {
        String id = idOf(server.post("Patient", patient("Hoàng")));
        Response bad = server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"other\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("VNEMR-1007");
    }

    @Test
    void delete_writesATombstoneThen410AndHistoryKeepsIt() {
        String id = idOf(server.post("Patient", patient("Vũ")));
        Response deleted = server.send("DELETE", "Patient/" + id, null, Map.of());
        assertThat(deleted.status()).isIn(200, 204);
        Response gone = server.get("Patient/" + id);
        assertThat(gone.status()).isEqualTo(410);
        JsonNode history = json(server.get("Patient/" + id + "/_history"));
        assertThat(history.path("entry")).hasSize(2);
        assertThat(history.path("entry").get(0).path("request").path("method").asText()).isEqualTo("DELETE");
        assertThat(server.get("Patient/" + id + "/_history/1").status()).isEqualTo(200);
    }

    @Test
    void patch_appliesJsonPatchAndFailedTestIs422() {
        String id = idOf(server.post("Patient", patient("Đặng")));
        Response patched = server.send("PATCH", "Patient/" + id,
                "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"female\"},{\"op\":\"add\",\"path\":\"/active\",\"value\":true}]",
                Map.of("Content-Type", "application/json-patch+json"));
        assertThat(patched.status()).isEqualTo(200);
        JsonNode now = json(server.get("Patient/" + id));
        assertThat(now.path("gender").asText()).isEqualTo("female");
        assertThat(now.path("active").asBoolean()).isTrue();
        assertThat(now.path("meta").path("versionId").asText()).isEqualTo("2");
        Response failed = server.send("PATCH", "Patient/" + id,
                "[{\"op\":\"test\",\"path\":\"/gender\",\"value\":\"male\"}]",
                Map.of("Content-Type", "application/json-patch+json"));
        assertThat(failed.status()).isEqualTo(422);
        assertThat(json(server.get("Patient/" + id)).path("meta").path("versionId").asText()).isEqualTo("2");
    }

    @Test
    void preferMinimal_returnsNoBody_andOperationOutcomeReturnsOne() {
        Response minimal = server.send("POST", "Patient", patient("Bùi"), Map.of("Prefer", "return=minimal"));
        assertThat(minimal.status()).isEqualTo(201);
        assertThat(minimal.body()).isEmpty();
        assertThat(minimal.header("Location")).contains("/Patient/");
        Response outcome = server.send("POST", "Patient", patient("Bùi"), Map.of("Prefer", "return=OperationOutcome"));
        assertThat(outcome.status()).isEqualTo(201);
        assertThat(json(outcome).path("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void xml_isAcceptedAndServed_andSummaryAndElementsShapeTheAnswer() {
        Response created = server.send("POST", "Patient",
                "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Đỗ\"/></name><gender value=\"female\"/></Patient>",
                Map.of("Content-Type", "application/fhir+xml"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.header("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1");
        Response xml = server.get("Patient/" + id + "?_format=xml");
        assertThat(xml.body()).startsWith("<Patient").contains("<family value=\"Đỗ\"/>");
        Response elements = server.get("Patient/" + id + "?_elements=gender");
        assertThat(json(elements).has("name")).isFalse();
        assertThat(json(elements).path("gender").asText()).isEqualTo("female");
        Response pretty = server.get("Patient/" + id + "?_pretty=true");
        assertThat(pretty.body()).contains("\n");
    }

    @Test
    void badInput_getsA4xxOutcomeAndStoresNothing() {
        assertThat(server.post("Patient", "{\"resourceType\":\"Patient\",").status()).isEqualTo(400);
        assertThat(server.post("Patient", "[1,2]").status()).isEqualTo(400);
        assertThat(server.post("Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}").status())
                .isEqualTo(400);
        Response xxe = server.send("POST", "Patient", """
                <?xml version="1.0"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Patient xmlns="http://hl7.org/fhir"><name><family value="&xxe;"/></name></Patient>""",
                Map.of("Content-Type", "application/fhir+xml"));
        assertThat(xxe.status()).isBetween(400, 499);
        assertThat(xxe.body()).doesNotContain("root:");
        Response missingTarget = server.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"mạch\"},\"subject\":{\"reference\":\"Patient/nope\"}}");
        assertThat(missingTarget.status()).isEqualTo(422);
        assertThat(missingTarget.body()).contains("VNEMR-1011");
        Response sqlish = server.get("Patient/1%27%3BDROP%20TABLE%20patient%3B--");
        assertThat(sqlish.status()).isBetween(400, 499);
        assertThat(server.get("metadata").status()).isEqualTo(200);
    }

    @Test
    void summaryCount_givesTheTotalWithoutEntries() {
        String family = "Đếm-" + UUID.randomUUID().toString().substring(0, 6);
        server.post("Patient", patient(family));
        server.post("Patient", patient(family));
        JsonNode counted = json(server.get("Patient?family=" + family + "&_summary=count"));
        assertThat(counted.path("total").asInt()).isEqualTo(2);
        assertThat(counted.has("entry")).isFalse();
    }

    @Test
    void bodyOverTheLimit_is413() {
        String big = "{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "x".repeat(2 * 1024 * 1024) + "</div>\"}}";
        Response response = server.post("Patient", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("VNEMR-1020");
    }

    @Test
    void relaxedIntegrity_acceptsReferencesToMissingResources() {
        Response relaxed = server.send("POST", "Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"mạch\"},\"subject\":{\"reference\":\"Patient/elsewhere\"}}",
                Map.of(RequestContext.HEADER_INTEGRITY, "off"));
        assertThat(relaxed.status()).isEqualTo(201);
    }

    @Test
    void capabilityStatement_listsTypesInteractionsAndSearchParameters() {
        JsonNode cs = json(server.get("metadata"));
        assertThat(cs.path("resourceType").asText()).isEqualTo("CapabilityStatement");
        JsonNode patient = null;
        for (JsonNode r : cs.path("rest").get(0).path("resource")) {
            if (r.path("type").asText().equals("Patient")) {
                patient = r;
            }
        }
        assertThat(patient).isNotNull();
        assertThat(patient.path("interaction").toString()).contains("read", "vread", "update", "delete",
                "history-instance", "create", "search-type");
        assertThat(patient.path("searchParam").toString()).contains("\"name\"", "\"birthdate\"", "\"identifier\"");
        assertThat(cs.path("rest").get(0).path("interaction").toString()).contains("transaction", "batch");
    }
}
