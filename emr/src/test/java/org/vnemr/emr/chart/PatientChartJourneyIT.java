package org.vnemr.emr.chart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vnemr.emr.prescription.PrescriptionFixtures;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doctor finds a patient by name in a real browser, reads the timeline, narrows it to prescriptions with the
 * filter (only the list is reloaded) and opens the prescription document.
 */
class PatientChartJourneyIT {

    static EmrTestServer server;
    static String doctor;
    static String patientId;

    @BeforeAll
    static void start() {
        server = PrescriptionFixtures.start();
        doctor = server.user(Role.DOCTOR, PrescriptionFixtures.practitioner(server, "BS. Xem Hồ Sơ"));
        String[] visit = PrescriptionFixtures.visit(server, "Đinh Thị Dòng Thời Gian", "Penicilin");
        patientId = visit[0];
        ChartScreenIT.server = server;
        ChartScreenIT.earlierVisit(patientId);
        UiClient client = server.login(doctor);
        assertThat(client.post("/kham-benh/" + visit[1] + "/don-thuoc", Map.of("lines[0].drug", "40.336",
                "lines[0].dose", "1", "lines[0].timesPerDay", "1", "lines[0].days", "30")).status()).isEqualTo(302);
    }

    @AfterAll
    static void stop() {
        ChartScreenIT.server = null;
        server.close();
    }

    @Test
    void aDoctorFindsThePatient_filtersTheTimeline_andOpensTheDocument() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(server.root() + "/dang-nhap");
            driver.findElement(By.id("username")).sendKeys(doctor);
            driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
            driver.findElement(By.id("login")).click();
            waitFor(driver, d -> !d.getCurrentUrl().contains("/dang-nhap"));

            driver.get(server.root() + "/benh-nhan");
            driver.findElement(By.id("q")).sendKeys("dinh thi dong thoi gian");
            driver.findElement(By.id("find")).click();
            waitFor(driver, d -> d.findElement(By.id("patient-" + patientId))).click();

            waitFor(driver, d -> d.findElement(By.id("timeline")));
            assertThat(driver.findElement(By.id("banner-allergies")).getText()).contains("Penicilin");
            assertThat(driver.findElements(By.cssSelector("#timeline .entry-luot-kham"))).hasSize(2);
            assertThat(driver.findElement(By.id("timeline")).getText()).contains("Amlodipin 5mg — 30 Viên")
                    .contains("J02.9");
            browser.screenshot("chart-timeline");

            driver.findElement(By.id("filter-don-thuoc")).click();
            waitFor(driver, d -> d.findElements(By.cssSelector("#timeline .entry-luot-kham")).isEmpty());
            assertThat(driver.findElements(By.cssSelector("#timeline .entry-don-thuoc"))).hasSize(1);
            assertThat(driver.getCurrentUrl()).contains("loai=don-thuoc");
            browser.screenshot("chart-filtered");

            driver.findElement(By.id("filter-don-thuoc")).click();
            waitFor(driver, d -> d.findElements(By.cssSelector("#timeline .entry-luot-kham")).size() == 2);
            driver.findElement(By.id("filter-tai-lieu")).click();
            waitFor(driver, d -> d.findElements(By.cssSelector("#timeline .entry")).size()
                    == d.findElements(By.cssSelector("#timeline .entry-tai-lieu")).size());
            assertThat(driver.findElements(By.cssSelector("#timeline .entry-tai-lieu"))).hasSize(2);
            waitFor(driver, d -> d.findElement(By.linkText("Phiếu khám bệnh ngoại trú"))).click();
            assertThat(waitFor(driver, d -> d.findElement(By.id("document-title"))).getText())
                    .isEqualTo("Phiếu khám bệnh ngoại trú");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("amidan sưng");
            assertThat(driver.findElement(By.id("print")).getAttribute("href")).contains("/in/phieu-kham/");
            browser.screenshot("chart-document");
        }
    }

    static <T> T waitFor(WebDriver driver, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }
}
