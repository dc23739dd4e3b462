package org.vnemr.platform.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.auth.TokenClaims;
import org.vnemr.platform.auth.TokenService;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the whole matrix over HTTP: every role × every FHIR interaction, on a patient of the person's own
 * department (where the person is a participant) and on a patient of another department. The API must refuse
 * (403) exactly what the matrix in {@link Role} refuses, and allow the rest. Then break-the-glass end to end.
 */
class AccessMatrixWalkIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static FhirTestServer server;
    private static TokenService tokens;
    private static String seeder;
    private static String patientA;
    private static String patientB;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class), "--vnemr.security.enabled=true",
                "--vnemr.home=target/test-home-access", "--vnemr.fhir.referential-integrity=false");
        tokens = server.bean(TokenService.class);
        // a laboratory system creates everywhere (create: all departments, at any hour)
        seeder = token("lis", Role.LAB_TECHNICIAN, "khoa-xn", "prac-lab");
        patientA = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Nguyễn\"}]}");
        patientB = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Hoàng\"}]}");
        encounter(patientA, "khoa-a", "prac-1");
        encounter(patientB, "khoa-b", "prac-2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String user, Role role, String department, String practitioner) {
        return tokens.issue(new TokenClaims(user, false, List.of(role.code()), List.of(department), practitioner,
                "user/*.*", null, null), Duration.ofMinutes(5));
    }

    private static FhirTestServer.Response as(String token, String method, String path, String body,
                                              Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", "Bearer " + token);
        return server.send(method, path, body, headers);
    }

    private static String create(String type, String json) {
        FhirTestServer.Response r = as(seeder, "POST", type, json, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").replaceAll(".*/" + type + "/([^/]+)/.*", "$1");
    }

    private static void encounter(String patient, String department, String practitioner) {
        create("Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\",\"class\":{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"IMP\"},\"subject\":{\"reference\":"
                + "\"Patient/" + patient + "\"},\"serviceProvider\":{\"reference\":\"Organization/" + department
                + "\"},\"participant\":[{\"individual\":{\"reference\":\"Practitioner/" + practitioner + "\"}}]}");
    }

    private static String observation(String patient) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"Huyết áp\"},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
    }

    /** What the matrix says for a person of khoa-a, practitioner prac-1, acting in {@code role} now. */
    private static boolean matrixAllows(Role role, Permission permission, String patient, boolean crossPatient) {
        if (!role.activeAt(LocalTime.now(ZONE))) {
            return false;
        }
        Scope scope = role.scope(permission);
        var subject = new AccessDecision.Subject("x", Set.of(role), Set.of("khoa-a"), "prac-1");
        AccessDecision.Target target = patient == null ? AccessDecision.Target.noPatient()
                : patient.equals(patientA) ? new AccessDecision.Target(patient, Set.of("khoa-a"), Set.of("prac-1"))
                : new AccessDecision.Target(patient, Set.of("khoa-b"), Set.of("prac-2"));
        return AccessDecision.covers(scope, subject, target) && (!crossPatient || scope == Scope.ALL_DEPARTMENTS);
    }

    private record Interaction(String name, Permission permission, String patient, boolean crossPatient,
                               String method, String path, String body) {
    }

    @Test
    void everyRole_timesEveryInteraction_isDecidedAsTheMatrixSays() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            String token = token("u-" + role.code(), role, "khoa-a", "prac-1");
            String obsA = create("Observation", observation(patientA));
            String obsB = create("Observation", observation(patientB));
            String bundleA = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                    + observation(patientA) + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
            List<Interaction> interactions = List.of(
                new Interaction("read own-department patient", Permission.VIEW, patientA, false, "GET",
                        "Patient/" + patientA, null),
                new Interaction("read other-department patient", Permission.VIEW, patientB, false, "GET",
                        "Patient/" + patientB, null),
                new Interaction("vread observation", Permission.VIEW, patientA, false, "GET",
                        "Observation/" + obsA + "/_history/1", null),
                new Interaction("read other observation", Permission.VIEW, patientB, false, "GET",
                        "Observation/" + obsB, null),
                new Interaction("search by patient", Permission.VIEW, patientA, false, "GET",
                        "Observation?patient=" + patientA, null),
                new Interaction("search other patient", Permission.VIEW, patientB, false, "GET",
                        "Observation?subject=Patient/" + patientB, null),
                new Interaction("search across patients", Permission.VIEW, null, true, "GET",
                        "Observation?status=final", null),
                new Interaction("history", Permission.VIEW, patientA, false, "GET",
                        "Patient/" + patientA + "/_history", null),
                new Interaction("create", Permission.CREATE, patientA, false, "POST", "Observation",
                        observation(patientA)),
                new Interaction("create other", Permission.CREATE, patientB, false, "POST", "Observation",
                        observation(patientB)),
                new Interaction("update", Permission.EDIT, patientA, false, "PUT", "Observation/" + obsA,
                        observation(patientA).replace("{\"resourceType\":\"Observation\",",
                                "{\"resourceType\":\"Observation\",\"id\":\"" + obsA + "\",")),
                new Interaction("delete other", Permission.CANCEL, patientB, false, "DELETE", "Observation/" + obsB,
                        null),
                new Interaction("transaction", Permission.CREATE, patientA, false, "POST", "", bundleA),
                new Interaction("access log", Permission.VIEW, patientA, false, "GET",
                        "Patient/" + patientA + "/$access-log", null));
            for (Interaction i : interactions) {
                boolean expected = matrixAllows(role, i.permission(), i.patient(), i.crossPatient());
                FhirTestServer.Response r = as(token, i.method(), i.path(), i.body(), Map.of());
                boolean refused = r.status() == 403;
                if (refused == expected || !refused && r.status() >= 400) {
                    mismatches.add(role.code() + " " + i.name() + ": expected " + (expected ? "allowed" : "403")
                            + ", got " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                }
                if (refused) {
                    assertThat(r.body()).contains("VNEMR-506");
                }
                checked++;
            }
            boolean auditAllowed = role == Role.AUDITOR || role == Role.ADMINISTRATOR;
            int status = as(token, "GET", "AuditEvent?_count=1", null, Map.of()).status();
            if ((status == 403) == auditAllowed) {
                mismatches.add(role.code() + " AuditEvent search: got " + status);
            }
        }
        assertThat(mismatches).as("role × interaction mismatches").isEmpty();
        assertThat(checked).isEqualTo(Role.values().length * 14);
    }

    @Test
    void breakTheGlass_opensTheRecordForAnHour_flaggedInThePatientsAccessLog() throws Exception {
        String doctor = token("bs.cuong", Role.DOCTOR, "khoa-a", "prac-1");
        assertThat(as(doctor, "GET", "Patient/" + patientB, null, Map.of()).status()).isEqualTo(403);
        FhirTestServer.Response tooShort = as(doctor, "GET", "Patient/" + patientB, null,
                Map.of("X-Vnemr-Break-Glass", java.net.URLEncoder.encode("cấp cứu", "UTF-8")));
        assertThat(tooShort.status()).isEqualTo(403);
        assertThat(tooShort.body()).contains("VNEMR-5062");
        String reason = java.net.URLEncoder.encode("Cấp cứu: bệnh nhân hôn mê, cần tiền sử", "UTF-8");
        assertThat(as(doctor, "GET", "Patient/" + patientB, null, Map.of("X-Vnemr-Break-Glass", reason)).status())
                .isEqualTo(200);
        assertThat(as(doctor, "GET", "Observation?patient=" + patientB, null, Map.of()).status()).isEqualTo(200);
        AuditSearch audit = server.bean(AuditSearch.class);
        long deadline = System.currentTimeMillis() + 5_000;
        List<AuditRow> rows;
        do {
            Thread.sleep(20);
            rows = audit.find(new AuditQuery(patientB, "bs.cuong", null, null, null, null, 10));
        } while (rows.stream().filter(AuditRow::breakGlass).count() < 3 && System.currentTimeMillis() < deadline);
        assertThat(rows).filteredOn(AuditRow::breakGlass).extracting(AuditRow::action)
                .contains("break-glass", "read", "search-type");
        assertThat(rows).filteredOn(r -> r.action().equals("break-glass")).singleElement()
                .satisfies(r -> assertThat(r.event()).contains("\"BTG\"", "hôn mê"));
        String auditor = token("kt.vien", Role.AUDITOR, "khoa-qlcl", null);
        assertThat(as(auditor, "GET", "Patient/" + patientB + "/$access-log", null, Map.of()).body())
                .contains("\"BTG\"", "bs.cuong");
    }
}
