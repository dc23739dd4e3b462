package org.vnemr.fhir.rest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrudSmokeIT {
    static FhirTestServer server;

    @BeforeAll static void start() { server = FhirTestServer.start(); }
    @AfterAll static void stop() { server.close(); }

    @Test
    void smoke() {
        var created = server.post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Nguyễn\",\"given\":[\"Văn\",\"Ân\"]}],\"gender\":\"male\"}");
        System.out.println(created + " " + created.headers());
        assertThat(created.status()).isEqualTo(201);
        String location = created.header("Location");
        String id = location.replaceAll(".*/Patient/([^/]+)/.*", "$1");
        var read = server.get("Patient/" + id);
        System.out.println(read + " " + read.headers());
        var xml = server.get("Patient/" + id + "?_format=xml");
        System.out.println(xml);
        var upd = server.put("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\"}");
        System.out.println(upd);
        var hist = server.get("Patient/" + id + "/_history");
        System.out.println(hist);
        var v1 = server.get("Patient/" + id + "/_history/1");
        System.out.println(v1);
        var bad = server.post("Patient", "{not json");
        System.out.println(bad);
        var unknown = server.get("Foo/1");
        System.out.println(unknown);
        var tx = server.post("", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:1\",\"resource\":{\"resourceType\":\"Patient\"},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"subject\":{\"reference\":\"urn:uuid:1\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}");
        System.out.println(tx);
        var missing = server.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"subject\":{\"reference\":\"Patient/nope\"}}");
        System.out.println(missing);
        var del = server.send("DELETE", "Patient/" + id, null, Map.of());
        System.out.println(del);
        System.out.println(server.get("Patient/" + id));
        var meta = server.get("metadata");
        System.out.println(meta.status() + " " + meta.body().length());
        var patch = server.send("PATCH", "Observation/x", "[]", Map.of("Content-Type", "application/json-patch+json"));
        System.out.println(patch);
        var search = server.get("Patient?name=x");
        System.out.println(search);
    }
}
