package org.vnemr.fhir.bulk;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;

import java.io.IOException;

/**
 * Status, download and cancel of Bulk Data export jobs: {@code GET /bulk/export/{job}} (202 with
 * {@code X-Progress} while running, 200 with the manifest when done, 500 OperationOutcome when failed),
 * {@code GET /bulk/export/{job}/{Type}.ndjson}, {@code DELETE /bulk/export/{job}}.
 */
@RestController
public class BulkExportController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    private static final MediaType NDJSON = MediaType.parseMediaType("application/fhir+ndjson");

    private final BulkExportService exports;
    private final FhirContext fhirContext;

    public BulkExportController(BulkExportService exports, FhirContext fhirContext) {
        this.exports = exports;
        this.fhirContext = fhirContext;
    }

    @GetMapping("/bulk/export/{job}")
    public ResponseEntity<String> status(@PathVariable String job, HttpServletRequest request) throws IOException {
        var found = exports.job(job);
        if (found.isEmpty() || found.get().status().equals("cancelled")) {
            return error(404, FhirError.notFound("VNEMR-1042", job));
        }
        BulkExportService.Job j = found.get();
        switch (j.status()) {
            case "accepted", "running" -> {
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header("X-Progress", j.progress() == null ? "accepted" : j.progress())
                        .header("Retry-After", "2").build();
            }
            case "failed" -> {
                return error(500, FhirError.build(500, "VNEMR-1043", job, j.error()));
            }
            default -> {
                String root = request.getRequestURL().toString().replaceAll("/bulk/export/.*$", "");
                ObjectNode manifest = FhirJson.object();
                manifest.put("transactionTime", FhirJson.instant(j.transactionTime()));
                manifest.put("request", j.requestUrl());
                manifest.put("requiresAccessToken", false);
                ArrayNode output = manifest.putArray("output");
                JsonNode files = j.outputJson() == null ? FhirJson.MAPPER.createArrayNode()
                        : FhirJson.MAPPER.readTree(j.outputJson());
                for (JsonNode f : files) {
                    ObjectNode item = output.addObject();
                    item.put("type", f.path("type").asText());
                    item.put("url", root + "/bulk/export/" + job + "/" + f.path("file").asText());
                    item.put("count", f.path("count").asLong());
                }
                manifest.putArray("error");
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(FhirJson.write(manifest));
            }
        }
    }

    @GetMapping("/bulk/export/{job}/{file}")
    public ResponseEntity<Resource> download(@PathVariable String job, @PathVariable String file) {
        return exports.file(job, file)
                .<ResponseEntity<Resource>>map(p -> ResponseEntity.ok().contentType(NDJSON)
                        .body(new FileSystemResource(p)))
                .orElseGet(() -> ResponseEntity.status(404).contentType(FHIR_JSON)
                        .body(new org.springframework.core.io.ByteArrayResource(fhirContext.newJsonParser()
                                .encodeResourceToString(FhirError.notFound("VNEMR-1044", job, file)
                                        .getOperationOutcome()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @DeleteMapping("/bulk/export/{job}")
    public ResponseEntity<String> cancel(@PathVariable String job) {
        if (!exports.cancel(job)) {
            return error(404, FhirError.notFound("VNEMR-1042", job));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private ResponseEntity<String> error(int status,
                                         ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
        return ResponseEntity.status(status).contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(e.getOperationOutcome()));
    }
}
