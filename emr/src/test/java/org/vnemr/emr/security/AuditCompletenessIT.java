package org.vnemr.emr.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.auth.TokenClaims;
import org.vnemr.platform.auth.TokenService;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted clinical day over HTTP — logins, a laboratory system writing through the FHIR API with its token, a
 * doctor reading and searching, a refused request without a token, screens opened, a refused screen, the auditor
 * searching the trail, a logout — yields exactly one AuditEvent per access, no more, no fewer. Then editing any row
 * the day wrote (as the table owner, with the append-only trigger lifted) makes the chain check fail, naming that row.
 */
class AuditCompletenessIT {

    static EmrTestServer server;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start("--vnemr.security.enabled=true", "--vnemr.fhir.referential-integrity=false");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(String user, Role role) {
        return "Bearer " + server.bean(TokenService.class).issue(new TokenClaims(user, false, List.of(role.code()),
                List.of("khoa-a"), "prac-1", "user/*.*", null, null), Duration.ofMinutes(5));
    }

    static FhirTestServer.Response fhir(String token, String method, String path, String body) {
        return server.fhir().send(method, path, body, token == null ? Map.of() : Map.of("Authorization", token));
    }

    static long settledCount(long atLeast) throws InterruptedException {
        AuditSearch search = server.bean(AuditSearch.class);
        for (int i = 0; i < 100 && search.count() < atLeast; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // anything still in flight would land now and be counted
        return search.count();
    }

    @Test
    void aScriptedClinicalDay_writesOneEventPerAccess_andAnyEditedRowBreaksTheChain() throws Exception {
        String doctor = server.user(Role.DOCTOR, "prac-1", "khoa-a");
        String auditor = server.user(Role.AUDITOR, null);
        long before = settledCount(0);
        int expected = 0;

        UiClient doctorUi = server.login(doctor);                                     // login
        expected++;
        String lis = token("lis", Role.LAB_TECHNICIAN);
        FhirTestServer.Response patient = fhir(lis, "POST", "Patient",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Trương\",\"given\":[\"Định\"]}]}");
        assertThat(patient.status()).as(patient.body()).isEqualTo(201);                // create
        expected++;
        String id = patient.header("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1");
        assertThat(fhir(lis, "POST", "Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\","
                + "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
                + "\"subject\":{\"reference\":\"Patient/" + id + "\"},\"serviceProvider\":{\"reference\":"
                + "\"Organization/khoa-a\"},\"participant\":[{\"individual\":{\"reference\":\"Practitioner/prac-1\"}}]}")
                .status()).isEqualTo(201);                                               // create
        expected++;
        assertThat(fhir(lis, "POST", "Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"Mạch\"},\"subject\":{\"reference\":\"Patient/" + id + "\"}}").status())
                .isEqualTo(201);                                                         // create
        expected++;
        String doctorToken = token(doctor, Role.DOCTOR);
        assertThat(fhir(doctorToken, "GET", "Patient/" + id, null).status()).isEqualTo(200);        // read
        expected++;
        assertThat(fhir(doctorToken, "GET", "Observation?patient=" + id, null).status()).isEqualTo(200); // search
        expected++;
        assertThat(fhir(doctorToken, "GET", "Patient?name=truong", null).status()).isEqualTo(200);  // search
        expected++;
        assertThat(fhir(null, "GET", "Patient/" + id, null).status()).isEqualTo(401);  // refused, still audited
        expected++;
        assertThat(doctorUi.get("/").status()).isEqualTo(200);                         // no patient data: none
        assertThat(doctorUi.get("/benh-nhan/" + id + "/nhat-ky").status()).isEqualTo(200); // the access log
        expected++;
        assertThat(doctorUi.get("/nhat-ky").status()).isEqualTo(403);                  // refused screen
        expected++;
        assertThat(doctorUi.post("/dang-xuat", Map.of()).status()).isEqualTo(302);     // logout
        expected++;
        UiClient auditorUi = server.login(auditor);                                   // login
        expected++;
        assertThat(auditorUi.get("/nhat-ky?benhNhan=" + id).status()).isEqualTo(200);  // audit search
        expected++;

        long after = settledCount(before + expected);
        assertThat(after - before).as("one AuditEvent per access").isEqualTo(expected);
        List<AuditRow> day = server.bean(AuditSearch.class).find(new AuditQuery(null, null, null, null, null, null,
                expected));
        assertThat(day).extracting(AuditRow::action).containsOnlyOnce("logout")
                .filteredOn("create"::equals).hasSize(3);
        assertThat(server.bean(AuditSearch.class).find(AuditQuery.forPatient(id))).extracting(AuditRow::action)
                .contains("create", "read", "search-type");

        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        DataSource db = server.bean(DataSource.class);
        assertThat(new AuditChainVerifier(db).verify().intact()).isTrue();
        List<Long> broken = new ArrayList<>();
        for (AuditRow row : day) {
            jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            try {
                jdbc.update("UPDATE audit_log SET user_name = user_name || '-sửa' WHERE seq = ?", row.seq());
                AuditChainVerifier.Result result = new AuditChainVerifier(db).verify();
                assertThat(result.intact()).isFalse();
                broken.add(result.brokenSeq());
                jdbc.update("UPDATE audit_log SET user_name = ? WHERE seq = ?", row.user(), row.seq());
            } finally {
                jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
        }
        assertThat(broken).isEqualTo(day.stream().map(AuditRow::seq).toList());
        assertThat(new AuditChainVerifier(db).verify().intact()).as("every row put back").isTrue();
    }
}
