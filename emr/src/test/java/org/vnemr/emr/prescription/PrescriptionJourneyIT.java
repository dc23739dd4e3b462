package org.vnemr.emr.prescription;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.platform.access.Role;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doctor prescribes in a real browser: adds two drugs with the same active ingredient, sees the warning, drops
 * the second, adds another drug, sees quantities computed as they type, saves and gets the national code.
 */
class PrescriptionJourneyIT {

    static EmrTestServer server;
    static String doctor;

    @BeforeAll
    static void start() {
        server = PrescriptionFixtures.start();
        doctor = server.user(Role.DOCTOR, PrescriptionFixtures.practitioner(server, "BS. Nguyễn Văn Kê"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDoctorAddsTwoDrugs_seesTheDuplicateWarning_fixesIt_andSavesWithANationalCode() {
        String[] visit = PrescriptionFixtures.visit(server, "Trần Văn Hành Trình");
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            login(driver, server, doctor);
            driver.get(server.root() + "/kham-benh/" + visit[1] + "/don-thuoc");
            assertThat(driver.findElement(By.id("banner-name")).getText()).isEqualTo("Trần Văn Hành Trình");
            ((JavascriptExecutor) driver).executeScript("window.__errors = [];"
                    + "window.addEventListener('error', function (e) { window.__errors.push(e.message + ' @' + e.lineno + ':' + e.colno + ' ' + (e.error && e.error.stack)); });"
                    + "['htmx:swapError','htmx:responseError','htmx:sendError','htmx:targetError','htmx:oobErrorNoTarget'].forEach(function (n) {"
                    + " document.body.addEventListener(n, function (e) { window.__errors.push(n + ' ' + JSON.stringify(e.detail && e.detail.error || '')); }); });");

            add(driver, "paracetamol", "40.48");
            type(driver, "line-0-dose", "1");
            type(driver, "line-0-timesPerDay", "3");
            type(driver, "line-0-days", "5");
            waitFor(driver, d -> "15".equals(d.findElement(By.id("line-0-computed")).getText()));

            add(driver, "paracetamol", "40.49");
            WebElement warning = waitFor(driver, d -> d.findElement(By.id("warning-duplicate_ingredient-1")));
            assertThat(warning.getText()).contains("Paracetamol");
            // what was typed on the first line survived the re-rendering
            assertThat(driver.findElement(By.id("line-0-days")).getAttribute("value")).isEqualTo("5");
            browser.screenshot("prescription-duplicate-warning");

            click(driver, "line-1-remove");
            waitFor(driver, d -> d.findElements(By.id("line-1")).isEmpty());
            assertThat(driver.findElements(By.id("warning-duplicate_ingredient-1"))).isEmpty();

            add(driver, "amoxicilin", "40.17");
            type(driver, "line-1-dose", "1");
            type(driver, "line-1-timesPerDay", "2");
            type(driver, "line-1-days", "7");
            waitFor(driver, d -> "14".equals(d.findElement(By.id("line-1-computed")).getText()));
            browser.screenshot("prescription-two-drugs");

            click(driver, "save");
            WebElement code = waitFor(driver, d -> d.findElement(By.id("prescription-code")));
            assertThat(PrescriptionCode.isValid(code.getText())).as(code.getText()).isTrue();
            assertThat(code.getText()).startsWith(PrescriptionFixtures.FACILITY);
            assertThat(driver.findElement(By.id("saved-lines")).getText()).contains("Paracetamol 500mg")
                    .contains("Amoxicilin 500mg").contains("15 Viên").contains("14 Viên");
            assertThat(driver.findElement(By.id("print")).getAttribute("href")).contains("/in/don-thuoc/");
            browser.screenshot("prescription-saved");
        }
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).hasSize(2);
    }

    static void login(WebDriver driver, EmrTestServer server, String username) {
        driver.get(server.root() + "/dang-nhap");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
        driver.findElement(By.id("login")).click();
        waitFor(driver, d -> !d.getCurrentUrl().contains("/dang-nhap"));
    }

    /** Searches, then presses "Thêm" on the drug's row and waits for its line. */
    static void add(WebDriver driver, String query, String code) {
        int before = driver.findElements(By.cssSelector("#lines tbody tr")).size();
        WebElement search = driver.findElement(By.id("drug-search"));
        search.clear();
        search.sendKeys(query);
        pause(700); // the search waits 300 ms after the last key before asking
        settle(driver);
        waitFor(driver, d -> d.findElement(By.id("add-" + code))).click();
        try {
            waitFor(driver, d -> d.findElements(By.cssSelector("#lines tbody tr")).size() == before + 1);
        } catch (RuntimeException e) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "add-failure.html"),
                        driver.getPageSource());
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "add-failure-errors.txt"),
                        String.valueOf(((JavascriptExecutor) driver).executeScript("return JSON.stringify(window.__errors)")));
            } catch (java.io.IOException ignored) {
                // the original failure matters more
            }
            throw e;
        }
        settle(driver);
    }

    /** Types into a field, leaves it (the change event recomputes) and waits until the answer has been applied. */
    static void type(WebDriver driver, String id, String value) {
        WebElement field = waitFor(driver, d -> d.findElement(By.id(id)));
        field.clear();
        field.sendKeys(value, Keys.TAB);
        settle(driver);
    }

    static void click(WebDriver driver, String id) {
        waitFor(driver, d -> d.findElement(By.id(id))).click();
        settle(driver);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No htmx request in flight. */
    static void settle(WebDriver driver) {
        waitFor(driver, d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('.htmx-request') === null"));
    }

    static <T> T waitFor(WebDriver driver, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }
}
