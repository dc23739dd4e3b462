package org.vnemr.fhir.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** NDJSON bulk import with COPY, and the asynchronous $export at system, Patient and Group level. */
class BulkImportExportIT {

    static FhirTestServer server;
    static Path exports;

    @BeforeAll
    static void start(@TempDir Path dir) {
        exports = dir;
        server = FhirTestServer.start("--vnemr.fhir.export-directory=" + dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void import_loadsGoodLinesReportsBadOnesAndCountsDanglingReferences(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Patient.ndjson"), """
                {"resourceType":"Patient","id":"imp-1","name":[{"family":"Nguyễn","given":["Thị","Hoa"]}],"gender":"female"}
                {"resourceType":"Patient","id":"imp-2","gender":"male"}
                {"resourceType":"Patient","id":"imp-3",
                {"resourceType":"Unknown","id":"x"}
                """);
        Files.writeString(dir.resolve("Observation.ndjson"), """
                {"resourceType":"Observation","id":"imp-obs-1","status":"final","code":{"text":"mạch"},"subject":{"reference":"Patient/imp-1"}}
                {"resourceType":"Observation","id":"imp-obs-2","status":"final","code":{"text":"mạch"},"subject":{"reference":"Patient/missing"}}
                """);
        BulkImporter.Report report = server.bean(BulkImporter.class).importPath(dir);
        assertThat(report.imported()).isEqualTo(4);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.danglingReferences()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.startsWith("Patient.ndjson:3"));
        assertThat(FhirJson.parseResource(server.get("Patient/imp-1").body()).path("gender").asText()).isEqualTo("female");
        assertThat(server.get("Observation/imp-obs-1").status()).isEqualTo(200);

        // importing the same id again makes a new version
        Files.writeString(dir.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"imp-2\",\"gender\":\"other\"}\n");
        Files.delete(dir.resolve("Observation.ndjson"));
        BulkImporter.Report second = server.bean(BulkImporter.class).importPath(dir);
        assertThat(second.imported()).isEqualTo(1);
        JsonNode p2 = FhirJson.parseResource(server.get("Patient/imp-2").body());
        assertThat(p2.path("meta").path("versionId").asText()).isEqualTo("2");
        assertThat(p2.path("gender").asText()).isEqualTo("other");
    }

    @Test
    void export_patientLevelWritesNdjsonOfTheCompartment() throws Exception {
        server.put("Patient/exp-1", "{\"resourceType\":\"Patient\",\"id\":\"exp-1\"}");
        server.put("Patient/exp-2", "{\"resourceType\":\"Patient\",\"id\":\"exp-2\"}");
        server.put("Observation/exp-obs", "{\"resourceType\":\"Observation\",\"id\":\"exp-obs\",\"status\":\"final\","
                + "\"code\":{\"text\":\"x\"},\"subject\":{\"reference\":\"Patient/exp-1\"}}");
        server.put("Group/exp-group", "{\"resourceType\":\"Group\",\"id\":\"exp-group\",\"type\":\"person\","
                + "\"actual\":true,\"member\":[{\"entity\":{\"reference\":\"Patient/exp-2\"}}]}");

        Response noAsync = server.get("$export");
        assertThat(noAsync.status()).isEqualTo(400);
        assertThat(noAsync.body()).contains("VNEMR-1040");

        Map<String, String> files = export("Patient/$export?_type=Patient,Observation");
        assertThat(files).containsKeys("Patient", "Observation");
        assertThat(files.get("Observation")).contains("exp-obs");
        assertThat(files.get("Patient")).contains("exp-1").contains("exp-2");

        Map<String, String> group = export("Group/exp-group/$export");
        assertThat(group.get("Patient")).contains("exp-2").doesNotContain("\"exp-1\"");
        assertThat(group).doesNotContainKey("Observation");

        Map<String, String> system = export("$export?_type=Group");
        assertThat(system.get("Group")).contains("exp-group");
    }

    /** Kicks off, polls the status URL until done, downloads every file: type → NDJSON text. */
    private static Map<String, String> export(String path) throws Exception {
        Response kickOff = server.send("GET", path, null, Map.of("Prefer", "respond-async"));
        assertThat(kickOff.status()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.header("Content-Location");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> poll;
        do {
            poll = http.send(HttpRequest.newBuilder(URI.create(status)).build(), HttpResponse.BodyHandlers.ofString());
            if (poll.statusCode() == 202) {
                // the job runs on its own thread: give it a moment between polls, as a client honouring Retry-After would
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } while (poll.statusCode() == 202 && System.nanoTime() < deadline);
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
        JsonNode manifest = FhirJson.MAPPER.readTree(poll.body());
        Map<String, String> files = new java.util.TreeMap<>();
        for (JsonNode output : manifest.path("output")) {
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(output.path("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(200);
            for (String line : file.body().split("\n")) {
                assertThat(FhirJson.parseResource(line).path("resourceType").asText()).isEqualTo(output.path("type").asText());
            }
            files.put(output.path("type").asText(), file.body());
        }
        return files;
    }

}
