package org.vnemr.emr.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.Totp;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts screen (administrators only): a bad form is refused next to the field with the typed values kept; a
 * new account linked to a Practitioner and a department gets a one-time password shown once, which must be changed
 * at first login; a locked account is unlocked; a reset password replaces the old one; a disabled account cannot log
 * in. And an administrator without TOTP is sent to the enrolment page at login, scans (reads) the secret, confirms a
 * code and then logs in with password and code.
 */
class AccountsAndTotpScreensIT {

    static EmrTestServer server;
    static String practitioner;
    static String department;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start();
        practitioner = id(server.fhir().post("Practitioner",
                "{\"resourceType\":\"Practitioner\",\"name\":[{\"family\":\"Lê\",\"given\":[\"Hữu Trác\"]}]}").header("Location"));
        department = id(server.fhir().post("Organization",
                "{\"resourceType\":\"Organization\",\"name\":\"Khoa Nội\"}").header("Location"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String id(String location) {
        return location.replaceAll(".*/(Practitioner|Organization)/([^/]+)/.*", "$2");
    }

    static String oneTimePassword(UiClient.Response page) {
        Matcher m = Pattern.compile("id=\"password\">([^<]+)<").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    static UiClient.Response login(String user, String password) {
        UiClient client = UiClient.anonymous(server.root());
        client.get("/dang-nhap");
        return client.post("/dang-nhap", Map.of("username", user, "password", password));
    }

    @Test
    void anAdministrator_createsUnlocksResetsAndDisablesAccounts() {
        UiClient admin = server.loginWithTotp(server.user(Role.ADMINISTRATOR, null));
        UiClient.Response list = admin.get("/quan-tri/tai-khoan");
        assertThat(list.status()).as(list.headers().toString()).isEqualTo(200);
        assertThat(list.body()).contains("Quản trị tài khoản").contains("id=\"new-account\"");

        UiClient.Response bad = admin.post("/quan-tri/tai-khoan", Map.of("username", "Tên Có Dấu",
                "displayName", "Lê Hữu Trác", "practitionerId", "khong-co", "departments", department));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"error-username\"").contains("id=\"error-practitionerId\"")
                .contains("id=\"error-roles\"").contains("value=\"Lê Hữu Trác\"").doesNotContain("id=\"password\"");

        UiClient.Response made = admin.post("/quan-tri/tai-khoan?roles=doctor&roles=nurse", Map.of(
                "username", "bs.trac", "displayName", "Lê Hữu Trác", "practitionerId", practitioner,
                "departments", department));
        String first = oneTimePassword(made);
        assertThat(made.body()).contains("id=\"account-bs.trac\"").contains("Chờ đổi mật khẩu lần đầu");
        UiClient.Response firstLogin = login("bs.trac", first);
        assertThat(firstLogin.header("Location")).endsWith("/doi-mat-khau");

        for (int i = 0; i < 5; i++) {
            login("bs.trac", "sai-mat-khau-" + i);
        }
        assertThat(admin.get("/quan-tri/tai-khoan").body()).contains("Tạm khoá đến");
        admin.post("/quan-tri/tai-khoan/bs.trac/mo-khoa", Map.of());
        assertThat(login("bs.trac", first).header("Location")).endsWith("/doi-mat-khau");

        String second = oneTimePassword(admin.post("/quan-tri/tai-khoan/bs.trac/dat-lai-mat-khau", Map.of()));
        assertThat(second).isNotEqualTo(first);
        assertThat(login("bs.trac", first).body()).contains("VNEMR-5010");
        assertThat(login("bs.trac", second).header("Location")).endsWith("/doi-mat-khau");

        admin.post("/quan-tri/tai-khoan/bs.trac/vo-hieu-hoa", Map.of());
        assertThat(login("bs.trac", second).body()).contains("VNEMR-5015");

        UiClient doctor = server.login(server.user(Role.DOCTOR, null));
        assertThat(doctor.get("/quan-tri/tai-khoan").status()).isEqualTo(403);
        assertThat(doctor.post("/quan-tri/tai-khoan/bs.trac/mo-khoa", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void anAdministratorWithoutTotp_enrolsAtLogin_thenLogsInWithPasswordAndCode() {
        String admin = server.user(Role.ADMINISTRATOR, null);
        UiClient client = UiClient.anonymous(server.root());
        client.get("/dang-nhap");
        UiClient.Response answer = client.post("/dang-nhap", Map.of("username", admin,
                "password", EmrTestServer.PASSWORD));
        assertThat(answer.header("Location")).endsWith("/xac-thuc-hai-lop");
        UiClient.Response enrol = client.get("/xac-thuc-hai-lop");
        assertThat(enrol.status()).isEqualTo(200);
        assertThat(enrol.body()).contains("src=\"data:image/svg+xml;base64,");
        Matcher secretText = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(enrol.body());
        assertThat(secretText.find()).isTrue();
        byte[] secret = base32(secretText.group(1));
        assertThat(client.get("/").status()).as("not logged in yet").isEqualTo(302);

        UiClient.Response wrong = client.post("/xac-thuc-hai-lop", Map.of("code", "000000".equals(
                code(secret)) ? "111111" : "000000"));
        assertThat(wrong.body()).contains("id=\"error-code\"");
        UiClient.Response done = client.post("/xac-thuc-hai-lop", Map.of("code", code(secret)));
        assertThat(done.header("Location")).contains("/dang-nhap");

        UiClient logged = UiClient.login(server.root(), admin, EmrTestServer.PASSWORD, code(secret));
        assertThat(logged.get("/").status()).isEqualTo(200);
    }

    static String code(byte[] secret) {
        return Totp.code(secret, Instant.now(), Totp.Algorithm.SHA1, 6);
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
