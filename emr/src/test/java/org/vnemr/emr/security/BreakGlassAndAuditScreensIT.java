package org.vnemr.emr.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.audit.AuditSearch;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Break-the-glass through the screens, end to end: a doctor refused another department's patient gets the Vietnamese
 * 403 page with the way out, types a reason (a short one is refused next to the field, the text kept), reaches the
 * record, the patient's "who opened my record" page marks it, the head of the patient's department sees the alert on
 * their home page and marks it seen, and the auditor finds it in the audit trail search. And the personal-data
 * consent screen of the same patient.
 */
class BreakGlassAndAuditScreensIT {

    static EmrTestServer server;
    static String patient;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start("--vnemr.fhir.referential-integrity=false");
        var created = server.fhir().post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Đặng\"}]}");
        patient = created.header("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1");
        var encounter = server.fhir().post("Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\","
                + "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"},\"serviceProvider\":{\"reference\":"
                + "\"Organization/khoa-b\"},\"participant\":[{\"individual\":{\"reference\":\"Practitioner/prac-2\"}}]}");
        assertThat(encounter.status()).as(encounter.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static UiClient.Response eventually(Supplier<UiClient.Response> page, String expected) throws InterruptedException {
        UiClient.Response answer = page.get();
        for (int i = 0; i < 50 && !answer.body().contains(expected); i++) {
            Thread.sleep(100); // the audit trail is written asynchronously, within milliseconds
            answer = page.get();
        }
        return answer;
    }

    @Test
    void aDoctorBreaksTheGlass_theRecordShowsIt_theHeadIsAlerted_theAuditorFindsIt() throws Exception {
        String doctor = server.user(Role.DOCTOR, "prac-1", "khoa-a");
        UiClient client = server.login(doctor);
        String log = "/benh-nhan/" + patient + "/nhat-ky";

        UiClient.Response refused = client.get(log);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Không có quyền truy cập").contains("VNEMR-5060")
                .contains("/pha-kinh?patient=" + patient);

        UiClient.Response form = client.get("/pha-kinh?patient=" + patient + "&next=" + log);
        assertThat(form.status()).isEqualTo(200);
        UiClient.Response tooShort = client.post("/pha-kinh", Map.of("patient", patient, "next", log,
                "reason", "gấp"));
        assertThat(tooShort.status()).isEqualTo(200);
        assertThat(tooShort.body()).contains("id=\"error-reason\"").contains("ít nhất 10 ký tự").contains(">gấp<");
        assertThat(client.get(log).status()).as("no grant for a short reason").isEqualTo(403);

        UiClient.Response granted = client.post("/pha-kinh", Map.of("patient", patient, "next", log,
                "reason", "Cấp cứu: người bệnh ngừng tuần hoàn tại khoa"));
        assertThat(granted.status()).isEqualTo(302);
        assertThat(granted.header("Location")).endsWith(log);
        UiClient.Response record = eventually(() -> client.get(log), "PHÁ KÍNH");
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.body()).contains("Ai đã xem hồ sơ của tôi").contains("PHÁ KÍNH").contains(doctor);

        String head = server.user(Role.DEPARTMENT_HEAD, "prac-3", "khoa-b");
        UiClient headClient = server.login(head);
        UiClient.Response home = headClient.get("/");
        assertThat(home.body()).contains("break-glass-alerts").contains(doctor)
                .contains("Cấp cứu: người bệnh ngừng tuần hoàn");
        String alertId = home.body().replaceAll("(?s).*action=\"/canh-bao/(\\d+)/da-xem\".*", "$1");
        assertThat(headClient.post("/canh-bao/" + alertId + "/da-xem", Map.of()).status()).isEqualTo(302);
        assertThat(headClient.get("/").body()).doesNotContain("break-glass-alerts");

        String otherHead = server.user(Role.DEPARTMENT_HEAD, "prac-4", "khoa-c");
        assertThat(server.login(otherHead).get("/").body()).as("only the patient's departments are alerted")
                .doesNotContain("break-glass-alerts");

        assertThat(client.get("/nhat-ky").status()).as("a doctor does not search the audit trail").isEqualTo(403);
        String auditor = server.user(Role.AUDITOR, null);
        UiClient auditorClient = server.login(auditor);
        UiClient.Response found = auditorClient.get("/nhat-ky?nguoiDung=" + doctor + "&hanhDong=break-glass");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("PHÁ KÍNH").contains(patient);
        UiClient.Response badDate = auditorClient.get("/nhat-ky?tuNgay=31/02/2026");
        assertThat(badDate.body()).contains("id=\"error-tuNgay\"").contains("value=\"31/02/2026\"");
        assertThat(server.bean(AuditSearch.class).count()).isPositive();
    }

    @Test
    void aConsentAnswer_isStoredPerPurpose_andAChangeRetiresThePreviousOne() {
        String clerk = server.user(Role.DEPARTMENT_HEAD, "prac-2", "khoa-b");
        UiClient client = server.login(clerk);
        String page = "/benh-nhan/" + patient + "/dong-y";
        assertThat(client.get(page).body()).contains("Đồng ý xử lý dữ liệu cá nhân").contains("Chưa hỏi");
        UiClient.Response bad = client.post(page, Map.of("purpose", "MARKETING", "answer", "permit"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"error-purpose\"");
        assertThat(client.post(page, Map.of("purpose", "ERESRCH", "answer", "permit")).status()).isEqualTo(302);
        assertThat(client.post(page, Map.of("purpose", "ERESRCH", "answer", "deny")).status()).isEqualTo(302);
        assertThat(client.post(page, Map.of("purpose", "TREAT", "answer", "permit")).status()).isEqualTo(302);
        String shown = client.get(page).body();
        assertThat(shown.replaceAll("(?s).*id=\"consent-ERESRCH\">(.*?)</tr>.*", "$1")).contains("Không đồng ý");
        assertThat(shown.replaceAll("(?s).*id=\"consent-TREAT\">(.*?)</tr>.*", "$1")).contains("Đồng ý");
        var all = server.fhir().get("Consent?patient=Patient/" + patient + "&_count=50").body();
        assertThat(all.split("\"resourceType\":\"Consent\"", -1).length - 1).as(all).isEqualTo(3);
        var active = server.fhir().get("Consent?patient=Patient/" + patient + "&status=active").body();
        assertThat(active.split("\"resourceType\":\"Consent\"", -1).length - 1).isEqualTo(2);
        assertThat(active).contains("vn-consent-purpose-cs").contains("\"deny\"");
    }
}
