package org.vnemr.emr.registration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.platform.access.Role;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clerk's morning in a real browser: log in, scan a CCCD QR code, find the form filled in, save, choose the
 * clinic room, get the visit slip with the queue number; then find the patient again by typing the name without
 * accents. Screenshots of each screen land in target/screenshots.
 */
class RegistrationJourneyIT {

    static EmrTestServer server;
    static String clerk;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(Facility.configurations());
        Facility.setUp(server);
        clerk = server.user(Role.REGISTRATION_CLERK, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClerkScansACccd_registersTheVisit_andHandsOverTheSlipWithTheQueueNumber() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(server.root() + "/tiep-don");
            driver.findElement(By.id("username")).sendKeys(clerk);
            driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
            driver.findElement(By.id("login")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
            browser.screenshot("registration-1-search");

            driver.findElement(By.id("new-patient")).click();
            driver.findElement(By.id("qr")).sendKeys("001185004567||Lý Thị Quét Mã|20081985|Nữ|"
                    + "Số 5 Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội|10102021" + Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("qr-done")));
            assertThat(driver.findElement(By.id("fullName")).getAttribute("value")).isEqualTo("Lý Thị Quét Mã");
            assertThat(driver.findElement(By.id("birthDate")).getAttribute("value")).isEqualTo("20/08/1985");
            assertThat(driver.findElement(By.id("cccd")).getAttribute("value")).isEqualTo("001185004567");
            assertThat(new Select(driver.findElement(By.id("gender"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo("female");
            browser.screenshot("registration-2-qr-prefilled");

            driver.findElement(By.id("phone")).sendKeys("0987 111 222");
            driver.findElement(By.id("save-patient")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-form")));
            assertThat(driver.findElement(By.id("patient-banner")).getText()).contains("Lý Thị Quét Mã");
            new Select(driver.findElement(By.id("room"))).selectByValue(Facility.ROOM_2);
            driver.findElement(By.id("reason")).sendKeys("Đau bụng");
            browser.screenshot("registration-3-visit-form");

            driver.findElement(By.id("register-visit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-number")));
            assertThat(driver.findElement(By.id("queue-number")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.id("slip-room")).getText()).isEqualTo("Phòng khám Nội 2");
            assertThat(driver.findElement(By.id("slip-mrn")).getText()).matches("BN\\d{8}");
            assertThat(driver.findElement(By.id("slip-pdf")).getAttribute("href"))
                    .contains("/in/phieu-kham-benh-tiep-don/").endsWith(".pdf");
            browser.screenshot("registration-4-slip");

            driver.findElement(By.id("next-patient")).click();
            driver.findElement(By.id("q")).sendKeys("ly thi quet");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".patient-row")));
            assertThat(driver.findElement(By.cssSelector(".patient-row .name")).getText()).isEqualTo("Lý Thị Quét Mã");
            browser.screenshot("registration-5-search-as-you-type");
        }
    }
}
