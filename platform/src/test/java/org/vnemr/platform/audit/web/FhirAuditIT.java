package org.vnemr.platform.audit.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditLogWriter;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One AuditEvent per FHIR interaction through the real HTTP server — including the JSON reads and searches that
 * the engine's fast path answers — with the patient, the outcome and the client address; the trail is searchable
 * as {@code AuditEvent} and per patient with {@code $access-log}.
 */
class FhirAuditIT {

    private static FhirTestServer server;
    private static AuditSearch audit;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class), "--vnemr.home=target/test-home");
        audit = server.bean(AuditSearch.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The events written since {@code before}, oldest first, once {@code expected} of them have arrived. */
    private static List<AuditRow> eventsAfter(long before, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (audit.count() < before + expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // an extra, unexpected event would have arrived by now
        List<AuditRow> rows = new java.util.ArrayList<>(audit.find(new AuditQuery(null, null, null, null, null,
                null, 1_000)).stream().filter(r -> r.seq() > before).toList());
        java.util.Collections.reverse(rows);
        return rows;
    }

    /**
     * Waits until everything queued so far is committed (the writer is first in, first out: once a marker is
     * written, so is all before it) and returns the marker's seq.
     */
    private static long settle() throws InterruptedException {
        // the previous test's last request may still be queuing its event (events are queued after the response
        // went out): wait until the trail stops growing, so that event cannot land after the marker
        long seen = -1;
        for (long now = audit.count(); now != seen; now = audit.count()) {
            seen = now;
            Thread.sleep(150);
        }
        return server.bean(AuditLogWriter.class).recordFlushed(AuditRecord.of("test", AuditAction.ADMINISTRATION))
                .join();
    }

    private static String createPatient() {
        FhirTestServer.Response created = server.post("Patient",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Trần\",\"given\":[\"Thị\",\"Bình\"]}]}");
        assertThat(created.status()).isEqualTo(201);
        return created.header("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1");
    }

    @Test
    void everyInteraction_writesOneEventWithItsPatient_fastPathIncluded() throws Exception {
        long before = settle();
        String patient = createPatient();
        assertThat(server.get("Patient/" + patient).status()).isEqualTo(200); // JSON: the fast path
        assertThat(server.get("Patient/" + patient + "?_format=xml").status()).isEqualTo(200); // HAPI's path
        assertThat(server.get("Patient/" + patient + "/_history/1").status()).isEqualTo(200);
        String observation = server.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"Mạch\"},\"subject\":{\"reference\":\"Patient/" + patient + "\"}}")
                .header("Location").replaceAll(".*/Observation/([^/]+)/.*", "$1");
        assertThat(server.get("Observation/" + observation).status()).isEqualTo(200);
        assertThat(server.get("Observation?subject=Patient/" + patient).status()).isEqualTo(200);
        assertThat(server.get("Patient/" + patient + "/_history").status()).isEqualTo(200);
        assertThat(server.send("DELETE", "Observation/" + observation, null, Map.of()).status()).isLessThan(300);

        List<AuditRow> events = eventsAfter(before, 9);
        assertThat(events).extracting(AuditRow::action).containsExactly("create", "read", "read", "vread", "create",
                "read", "search-type", "history-instance", "delete");
        assertThat(events.subList(0, 8)).allSatisfy(e -> {
            assertThat(e.patients()).containsExactly(patient);
            assertThat(e.outcome()).isEqualTo("0");
            assertThat(e.user()).isEqualTo("anonymous");
            assertThat(e.event()).contains("\"address\":\"127.0.0.1\"");
        });
        assertThat(events.get(6).event()).contains("Observation?subject=Patient/" + patient);
    }

    @Test
    void failedRequests_areAuditedWithTheirOutcome() throws Exception {
        long before = settle();
        assertThat(server.get("Patient/no-such-patient").status()).isEqualTo(404);
        assertThat(server.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"không-hợp-lệ\"}").status())
                .isBetween(400, 499);
        assertThat(server.get("NoSuchType/1").status()).isBetween(400, 499);
        List<AuditRow> events = eventsAfter(before, 3);
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("4"));
        assertThat(events.get(0).patients()).containsExactly("no-such-patient");
        assertThat(events.get(2).event()).contains("NoSuchType/1");
    }

    @Test
    void transaction_writesOneEventPerEntry_withTheCreatedPatientsId() throws Exception {
        long before = settle();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:6f0c2d8e-0000-4000-8000-000000000001",
                  "resource":{"resourceType":"Patient","name":[{"family":"Lê","given":["Văn","Tám"]}]},
                  "request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:6f0c2d8e-0000-4000-8000-000000000002",
                  "resource":{"resourceType":"Encounter","status":"in-progress",
                   "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                   "subject":{"reference":"urn:uuid:6f0c2d8e-0000-4000-8000-000000000001"}},
                  "request":{"method":"POST","url":"Encounter"}}]}""";
        FhirTestServer.Response response = server.post("", bundle);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<AuditRow> events = eventsAfter(before, 3);
        assertThat(events).extracting(AuditRow::action).containsExactly("transaction", "create", "create");
        String patientId = events.get(1).patients().get(0);
        assertThat(server.get("Patient/" + patientId).body()).contains("Tám");
        assertThat(events.get(2).patients()).containsExactly(patientId);
    }

    @Test
    void accessLog_showsWhoOpenedThePatientsRecord() throws Exception {
        String patient = createPatient();
        server.send("GET", "Patient/" + patient, null, Map.of("X-Vnemr-Purpose-Of-Use", "TREAT"));
        long before = settle();
        eventsAfter(before, 0);
        FhirTestServer.Response log = server.get("Patient/" + patient + "/$access-log");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).contains("\"type\":\"searchset\"", "\"code\":\"read\"", "\"code\":\"create\"",
                "\"text\":\"TREAT\"", "Patient/" + patient);
        FhirTestServer.Response search = server.get("AuditEvent?patient=Patient/" + patient
                + "&agent=anonymous&date=ge2020-01-01&action=read");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).contains("\"resourceType\":\"AuditEvent\"").doesNotContain("\"code\":\"create\"");
        String id = search.body().replaceAll("(?s).*\"fullUrl\":\"[^\"]*/AuditEvent/(\\d+)\".*", "$1");
        assertThat(server.get("AuditEvent/" + id).body()).contains("\"id\":\"" + id + "\"");
        // reading the log is itself an access to the patient's data
        List<AuditRow> events = eventsAfter(before, 3);
        assertThat(events).extracting(AuditRow::action).contains("operation", "search-type");
    }

    @Test
    void auditEvents_cannotBeWrittenOrFalsifiedThroughTheApi() {
        FhirTestServer.Response create = server.post("AuditEvent", "{\"resourceType\":\"AuditEvent\"}");
        assertThat(create.status()).isEqualTo(405);
        assertThat(create.body()).contains("VNEMR-5002");
        assertThat(server.get("AuditEvent?foo=bar").body()).contains("VNEMR-5005");
        assertThat(server.get("AuditEvent?date=hôm-qua").status()).isEqualTo(400);
    }

    @Test
    void theTrailStaysAVerifiableChain() throws Exception {
        createPatient();
        settle();
        AuditChainVerifier.Result result = server.bean(AuditChainVerifier.class).verify();
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(audit.count());
    }
}
