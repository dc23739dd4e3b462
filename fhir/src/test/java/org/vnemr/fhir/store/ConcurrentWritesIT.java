package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers racing on one resource over HTTP: no version is lost, no conditional create runs twice. */
class ConcurrentWritesIT {

    private static final int WRITERS = 8;
    private static final int UPDATES_EACH = 15;

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void parallelUpdates_neverLoseAVersion() throws Exception {
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}").status())
                .isEqualTo(201);
        List<Response> responses = race(writer -> () -> {
            List<Response> mine = new ArrayList<>();
            for (int i = 0; i < UPDATES_EACH; i++) {
                mine.add(server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id
                        + "\",\"name\":[{\"text\":\"writer " + writer + " update " + i + "\"}]}"));
            }
            return mine;
        });
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        Set<String> etags = new HashSet<>();
        responses.forEach(r -> etags.add(r.header("ETag")));
        assertThat(etags).as("every update got its own version").hasSize(WRITERS * UPDATES_EACH);
        JsonNode history = FhirJson.parseResource(server.get("Patient/" + id + "/_history?_count=1000").body());
        int versions = WRITERS * UPDATES_EACH + 1;
        assertThat(history.path("entry")).hasSize(versions);
        for (int i = 0; i < versions; i++) {
            assertThat(history.path("entry").get(i).path("resource").path("meta").path("versionId").asText())
                    .isEqualTo(Integer.toString(versions - i));
        }
    }

    @Test
    void parallelConditionalCreates_makeOneResource() throws Exception {
        String value = "once-" + UUID.randomUUID();
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:race\",\"value\":\"" + value + "\"}]}";
        // half the writers spell the same condition URL-encoded: they must still wait for each other
        List<Response> responses = race(writer -> () -> List.of(server.send("POST", "Patient", body,
                Map.of("If-None-Exist", writer % 2 == 0 ? "identifier=urn:race|" + value
                        : "identifier=urn%3Arace%7C" + value))));
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Response r : responses) {
            assertThat(r.status()).as(r.body()).isIn(200, 201);
            created += r.status() == 201 ? 1 : 0;
            ids.add(FhirJson.parseResource(r.body()).path("id").asText());
        }
        assertThat(created).isEqualTo(1);
        assertThat(ids).hasSize(1);
        JsonNode found = FhirJson.parseResource(server.get("Patient?identifier=urn:race%7C" + value).body());
        assertThat(found.path("entry")).hasSize(1);
    }

    private interface Writer {
        Callable<List<Response>> task(int writer);
    }

    private static List<Response> race(Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Response>>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Callable<List<Response>> task = writer.task(w);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Response> all = new ArrayList<>();
            for (Future<List<Response>> f : futures) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
