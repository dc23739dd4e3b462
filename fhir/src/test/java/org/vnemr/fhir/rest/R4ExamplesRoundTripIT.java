package org.vnemr.fhir.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;
import org.vnemr.fhir.testing.R4Examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every official FHIR R4 example resource can be stored with PUT (referential integrity relaxed: the examples
 * point outside the set) and reads back unchanged apart from {@code meta.versionId}/{@code meta.lastUpdated}.
 */
class R4ExamplesRoundTripIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * The one official example that no FHIR server may store under its id: ids are at most 64 characters, this
     * one has 67. It must be refused with VNEMR-1008.
     */
    static final String ID_TOO_LONG = "SearchParameter-questionnaireresponse-extensions-QuestionnaireResponse-item-subject.json";

    @Test
    void everyExample_isStoredWithPutAndReadBackUnchanged() throws Exception {
        List<Path> files = R4Examples.files();
        assertThat(files).hasSizeGreaterThan(2000);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (Path file : files) {
            futures.add(pool.submit(() -> roundTrip(file, failures)));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(failures).as("examples that did not round-trip").isEmpty();
    }

    private static void roundTrip(Path file, List<String> failures) {
        try {
            ObjectNode example = FhirJson.parseResource(Files.readAllBytes(file));
            String type = example.path("resourceType").asText();
            String id = example.path("id").asText();
            Response put = server.send("PUT", type + "/" + id, FhirJson.write(example),
                    Map.of(RequestContext.HEADER_INTEGRITY, "off", "Prefer", "return=minimal"));
            if (file.getFileName().toString().equals(ID_TOO_LONG)) {
                if (put.status() != 400 || !put.body().contains("VNEMR-1008")) {
                    failures.add(file.getFileName() + ": an id over 64 characters must be refused: " + put.status());
                }
                return;
            }
            if (put.status() != 200 && put.status() != 201) {
                failures.add(file.getFileName() + ": PUT " + put.status() + " " + abbreviate(put.body()));
                return;
            }
            Response get = server.get(type + "/" + id);
            ObjectNode back = FhirJson.parseResource(get.body());
            if (!withoutVersionMeta(back).equals(withoutVersionMeta(example))) {
                failures.add(file.getFileName() + ": read back differs");
            }
        } catch (IOException | RuntimeException e) {
            failures.add(file.getFileName() + ": " + e);
        }
    }

    private static JsonNode withoutVersionMeta(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        if (copy.get("meta") instanceof ObjectNode meta) {
            meta.remove("versionId");
            meta.remove("lastUpdated");
            if (meta.isEmpty()) {
                copy.remove("meta");
            }
        }
        return copy;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
