package org.vnemr.emr.login;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Đăng nhập over real HTTP and in a real browser: screens need a login, a wrong password is answered next to the
 * form with the user name kept, a right one opens the role's home page in a new session, state changes without the
 * anti-forgery token are refused, and logging out closes the session.
 */
class LoginIT {

    static EmrTestServer server;
    static String doctor;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start();
        doctor = server.user(Role.DOCTOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aScreenWithoutLogin_redirectsToTheLoginPageAndComesBackAfter() {
        UiClient anonymous = UiClient.anonymous(server.root());
        UiClient.Response answer = anonymous.get("/kham-benh?phong=1");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).contains("/dang-nhap?next=%2Fkham-benh%3Fphong%3D1");
    }

    @Test
    void aWrongPassword_isRefusedWithTheUserNameKeptAndNoSession() {
        UiClient client = UiClient.anonymous(server.root());
        client.get("/dang-nhap");
        UiClient.Response answer = client.post("/dang-nhap", Map.of("username", doctor, "password", "sai-mat-khau"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("VNEMR-5010").contains("value=\"" + doctor + "\"");
        assertThat(client.get("/").status()).isEqualTo(302);
    }

    @Test
    void theRightPassword_opensTheHomePageWithTheRolesScreens() {
        UiClient client = server.login(doctor);
        UiClient.Response home = client.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Khám bệnh").contains("Nội trú").doesNotContain("/quan-tri/tai-khoan");
    }

    @Test
    void aLogin_getsANewSessionId() {
        UiClient client = UiClient.anonymous(server.root());
        client.get("/dang-nhap");
        String before = client.csrf();
        client.post("/dang-nhap", Map.of("username", doctor, "password", EmrTestServer.PASSWORD));
        client.get("/");
        assertThat(client.csrf()).isNotEqualTo(before);
    }

    @Test
    void aPostWithoutTheAntiForgeryToken_isRefused() {
        UiClient client = server.login(doctor);
        UiClient.Response answer = client.post("/dang-xuat", Map.of("_csrf", "forged"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("VNEMR-6001");
        assertThat(client.get("/").status()).isEqualTo(200);
    }

    @Test
    void aLoginFormPostedFromElsewhere_isRefused() {
        UiClient client = UiClient.anonymous(server.root());
        UiClient.Response answer = client.post("/dang-nhap",
                Map.of("username", doctor, "password", EmrTestServer.PASSWORD));
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void anOpenRedirectAfterLogin_isIgnored() {
        assertThat(LoginController.safeNext("//evil.example/x")).isNull();
        assertThat(LoginController.safeNext("https://evil.example/")).isNull();
        assertThat(LoginController.safeNext("/kham-benh")).isEqualTo("/kham-benh");
    }

    @Test
    void loggingOut_closesTheSession() {
        UiClient client = server.login(doctor);
        assertThat(client.post("/dang-xuat", Map.of()).status()).isEqualTo(302);
        assertThat(client.get("/").status()).isEqualTo(302);
    }

    @Test
    void aClinicianLogsInInTheBrowser_andSeesTheirHomePage() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(server.root() + "/");
            assertThat(driver.getCurrentUrl()).contains("/dang-nhap");
            driver.findElement(By.id("username")).sendKeys(doctor);
            driver.findElement(By.id("password")).sendKeys("sai");
            driver.findElement(By.id("login")).click();
            assertThat(driver.findElement(By.id("login-error")).getText()).contains("VNEMR-5010");
            assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(doctor);
            browser.screenshot("login-error");
            driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
            driver.findElement(By.id("login")).click();
            assertThat(driver.findElement(By.id("tile-outpatient")).getText()).isEqualTo("Khám bệnh");
            browser.screenshot("home-doctor");
        }
    }
}
