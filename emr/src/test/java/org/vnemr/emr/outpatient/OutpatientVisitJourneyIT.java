package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.vncore.VnCoreConfiguration;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doctor's outpatient visit in a real browser: log in → room queue → call the patient → vital signs (an
 * impossible temperature refused next to its field, then corrected) → diagnosis picked by typing "viem phoi" →
 * a lab order → re-visit appointment → visit finished. Screenshots of each screen in target/screenshots.
 */
class OutpatientVisitJourneyIT {

    static EmrTestServer server;
    static OutpatientFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        server = EmrTestServer.start(List.of(TerminologyConfiguration.class, CatalogueConfiguration.class,
                VnCoreConfiguration.class));
        fixture = new OutpatientFixture(server).setUp();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDoctorExaminesAPatientFromTheQueueToTheReVisitAppointment() {
        String username = server.user(Role.DOCTOR, OutpatientFixture.DOCTOR, "khoa-kham-benh");
        String visit = fixture.waitingPatient("Nguyễn Thị Hành Trình");
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(server.root() + "/kham-benh");
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
            driver.findElement(By.id("login")).click();

            // the room queue
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("phong")));
            new Select(driver.findElement(By.id("phong"))).selectByValue(OutpatientFixture.ROOM);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-" + visit)));
            assertThat(driver.findElement(By.id("queue-" + visit)).getText()).contains("Nguyễn Thị Hành Trình")
                    .contains("Chờ khám");
            browser.screenshot("outpatient-1-queue");

            // call the patient in
            driver.findElement(By.id("call-" + visit)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("patient-banner")));
            assertThat(driver.findElement(By.id("patient-banner")).getText()).contains("Nguyễn Thị Hành Trình")
                    .contains("Penicillin");
            assertThat(driver.findElement(By.id("visit-status")).getText()).isEqualTo("Đang khám");
            browser.screenshot("outpatient-2-visit");

            // vital signs: an impossible temperature is refused next to its field, the other values stay
            driver.findElement(By.id("pulse")).sendKeys("82");
            driver.findElement(By.id("systolic")).sendKeys("120");
            driver.findElement(By.id("diastolic")).sendKeys("80");
            driver.findElement(By.id("temperature")).sendKeys("50");
            driver.findElement(By.id("weight")).sendKeys("55");
            driver.findElement(By.id("height")).sendKeys("158");
            driver.findElement(By.id("vitals-save")).click();
            WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-temperature")));
            assertThat(error.getText()).contains("30–45");
            assertThat(driver.findElement(By.id("pulse")).getAttribute("value")).isEqualTo("82");
            assertThat(driver.findElement(By.id("temperature")).getAttribute("value")).isEqualTo("50");
            browser.screenshot("outpatient-3-vitals-refused");
            driver.findElement(By.id("temperature")).clear();
            driver.findElement(By.id("temperature")).sendKeys("37,2");
            driver.findElement(By.id("vitals-save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("vitals-saved")));
            assertThat(driver.findElement(By.id("vitals-table")).getText()).contains("37.2 °C").contains("82 lần/phút")
                    .contains("22 kg/m²");
            browser.screenshot("outpatient-4-vitals-saved");

            // diagnosis picked by typing without diacritics
            driver.findElement(By.id("mainSearch")).sendKeys("viem phoi");
            WebElement hit = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                    "#icd-hits-mainCode .icd-pick")));
            assertThat(hit.getText()).contains("Viêm phổi");
            String code = hit.getAttribute("data-code");
            browser.screenshot("outpatient-5-icd-picker");
            hit.click();
            assertThat(driver.findElement(By.id("mainCode")).getAttribute("value")).isEqualTo(code);
            driver.findElement(By.id("diagnosis-save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diagnosis-1")));
            assertThat(driver.findElement(By.id("diagnosis-1")).getText()).contains(code).contains("Viêm phổi");
            browser.screenshot("outpatient-6-diagnosis");

            // a lab order from the service catalogue
            driver.findElement(By.id("serviceSearch")).sendKeys("glucose");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("service-23.0003.1494"))).click();
            driver.findElement(By.id("orders-save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("orders-saved")));
            assertThat(driver.findElement(By.id("orders-table")).getText()).contains("Định lượng Glucose");
            assertThat(driver.findElement(By.id("print-order-slip")).getAttribute("href"))
                    .contains("/in/phieu-chi-dinh/CD");
            browser.screenshot("outpatient-7-orders");

            // re-visit appointment, which ends the visit
            new Select(driver.findElement(By.id("outcome"))).selectByValue("2");
            driver.findElement(By.id("advice")).sendKeys("Uống thuốc đủ ngày, tái khám khi sốt lại");
            driver.findElement(By.id("disposition-revisit")).click();
            String day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(7).toString();
            ((JavascriptExecutor) driver).executeScript("document.getElementById('revisitDate').value = arguments[0];",
                    day);
            browser.screenshot("outpatient-8-conclusion");
            driver.findElement(By.id("conclusion-save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conclusion-saved")));
            assertThat(driver.findElement(By.id("papers")).getText()).contains("Giấy hẹn khám lại");
            browser.screenshot("outpatient-9-finished");
        }
        Encounter e = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getDiagnosis()).hasSize(1);
        assertThat(server.store().search(ServiceRequest.class, Map.of("encounter", List.of("Encounter/" + visit)),
                null)).hasSize(1);
    }
}
