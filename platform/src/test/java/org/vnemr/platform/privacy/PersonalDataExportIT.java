package org.vnemr.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.auth.TokenClaims;
import org.vnemr.platform.auth.TokenService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Patient/<id>/$personal-data-export}: everything held about one patient (their Patient, the resources of
 * their compartment, their access log) and nothing about anyone else; allowed only to roles with the export
 * permission, and written to the audit trail as an export.
 */
class PersonalDataExportIT {

    static FhirTestServer server;
    static String lab;
    static String patient;
    static String other;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class), "--vnemr.security.enabled=true",
                "--vnemr.home=target/test-home-export", "--vnemr.fhir.referential-integrity=false");
        lab = token("lis", Role.LAB_TECHNICIAN);
        patient = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Bùi\"}]}");
        other = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Cao\"}]}");
        for (String p : List.of(patient, other)) {
            create("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"Nhịp tim\"},"
                    + "\"subject\":{\"reference\":\"Patient/" + p + "\"}}");
        }
        create("Consent", "{\"resourceType\":\"Consent\",\"status\":\"active\",\"scope\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},\"category\":"
                + "[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],\"patient\":{\"reference\":"
                + "\"Patient/" + patient + "\"},\"policyRule\":{\"text\":\"Luật 91/2025\"},\"provision\":{\"type\":"
                + "\"permit\",\"purpose\":[{\"system\":\"http://fhir.hl7.org.vn/core/CodeSystem/vn-consent-purpose-cs\","
                + "\"code\":\"TREAT\"}]}}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(String user, Role role) {
        return "Bearer " + server.bean(TokenService.class).issue(new TokenClaims(user, false, List.of(role.code()),
                List.of("khoa-a"), null, "user/*.*", null, null), Duration.ofMinutes(5));
    }

    static String create(String type, String json) {
        FhirTestServer.Response r = server.send("POST", type, json, Map.of("Authorization", lab));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").replaceAll(".*/" + type + "/([^/]+)/.*", "$1");
    }

    @Test
    void theExport_holdsEverythingAboutThePatientAndTheirAccessLog_andNothingElse() throws Exception {
        AuditSearch audit = server.bean(AuditSearch.class);
        for (int i = 0; i < 50 && audit.find(AuditQuery.forPatient(patient)).isEmpty(); i++) {
            Thread.sleep(100); // the audit trail is written asynchronously
        }
        FhirTestServer.Response r = server.send("GET", "Patient/" + patient + "/$personal-data-export", null,
                Map.of("Authorization", token("giam-dinh", Role.INSURANCE_ASSESSOR)));
        if (!Role.INSURANCE_ASSESSOR.activeAt(java.time.LocalTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")))) {
            r = server.send("GET", "Patient/" + patient + "/$personal-data-export", null,
                    Map.of("Authorization", token("admin", Role.ADMINISTRATOR)));
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode bundle = new ObjectMapper().readTree(r.body());
        List<String> types = new ArrayList<>();
        bundle.path("entry").forEach(e -> types.add(e.path("resource").path("resourceType").asText()));
        assertThat(types).containsOnlyOnce("Patient", "Observation", "Consent").contains("AuditEvent");
        assertThat(r.body()).contains(patient).doesNotContain("Patient/" + other).doesNotContain("\"Cao\"");

        FhirTestServer.Response doctor = server.send("GET", "Patient/" + patient + "/$personal-data-export", null,
                Map.of("Authorization", token("bs", Role.DOCTOR)));
        assertThat(doctor.status()).as("a doctor may not export").isEqualTo(403);
        assertThat(server.send("GET", "Patient/khong-co/$personal-data-export", null,
                Map.of("Authorization", token("admin", Role.ADMINISTRATOR))).status()).isEqualTo(404);

        List<AuditRow> exports = List.of();
        for (int i = 0; i < 50 && exports.isEmpty(); i++) {
            Thread.sleep(100);
            exports = audit.find(new AuditQuery(patient, null, "export", null, null, null, 10));
        }
        assertThat(exports).isNotEmpty();
    }
}
