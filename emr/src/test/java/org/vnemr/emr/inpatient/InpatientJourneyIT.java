package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vnemr.emr.testing.Browser;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Một đợt nội trú in a real browser: a doctor admits a patient to a bed, fills the internal-medicine record and the
 * treatment sheets of two days; a nurse records vital signs and a drug given; the doctor transfers the patient to
 * surgery and discharges them, then sees the discharge paper's summary. Screenshots of each main screen land in
 * target/screenshots/inpatient-*.png.
 */
class InpatientJourneyIT {

    static EmrTestServer server;
    static Ward ward;
    static String doctorLogin;
    static String nurseLogin;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(List.of(CatalogueConfiguration.class));
        ward = new Ward(server);
        doctorLogin = server.user(Role.DOCTOR, ward.doctor, ward.medicine, ward.surgery);
        nurseLogin = server.user(Role.NURSE, ward.nurse, ward.medicine, ward.surgery);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void admitTwoDaysOfTreatmentSheetsCareTransferAndDischargeWithTheDischargePaper() {
        List<CatalogueEntry> drugs = Ward.catalogue(server, CatalogueKind.DRUG);
        String patientId = ward.patient(server, "Nguyễn Thị Hành Trình", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1968, 3, 15));
        String mrn = Fhir.identifier(server.store().readReference(Patient.class, patientId).orElseThrow()
                .getIdentifier(), Fhir.MA_BN);
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            login(driver, doctorLogin);

            driver.get(server.root() + "/noi-tru/nhap-vien");
            driver.findElement(By.id("q")).sendKeys(mrn);
            submit(driver, By.id("search"));
            driver.findElement(By.id("patient-" + patientId)).click();
            new Select(driver.findElement(By.id("department"))).selectByValue(ward.medicine);
            new Select(driver.findElement(By.id("bed"))).selectByValue(ward.medicineBeds.get(0));
            set(driver, "admittedAt", LocalDateTime.now(Fhir.ZONE).minusDays(1).withSecond(0).withNano(0).toString());
            driver.findElement(By.id("reason")).sendKeys("Sốt cao, ho khạc đờm");
            driver.findElement(By.id("icd")).sendKeys("J18.9");
            driver.findElement(By.id("diagnosisText")).sendKeys("Viêm phổi");
            browser.screenshot("inpatient-admission");
            submit(driver, By.id("admit"));

            assertThat(driver.getCurrentUrl()).contains("/benh-an");
            assertThat(driver.findElement(By.id("record-title")).getText()).contains("Bệnh án nội khoa");
            assertThat(driver.findElement(By.id("banner-name")).getText()).isEqualTo("Nguyễn Thị Hành Trình");
            driver.findElement(By.id("lyDoVaoVien")).sendKeys("Sốt cao, ho khạc đờm");
            driver.findElement(By.id("benhSu")).sendKeys("Sốt 3 ngày, ho khạc đờm vàng, đau ngực phải");
            driver.findElement(By.id("khamToanThan")).sendKeys("Tỉnh, da niêm hồng");
            driver.findElement(By.id("mach")).sendKeys("98");
            driver.findElement(By.id("nhietDo")).sendKeys("39");
            driver.findElement(By.id("tomTatBenhAn")).sendKeys("Hội chứng nhiễm trùng, hội chứng đông đặc");
            driver.findElement(By.id("chanDoanBenhChinh")).sendKeys("J18.9");
            driver.findElement(By.id("huongDieuTri")).sendKeys("Kháng sinh, hạ sốt, long đờm");
            submit(driver, By.id("save-record"));
            assertThat(driver.findElement(By.id("saved")).getText()).isEqualTo("Đã lưu.");
            browser.screenshot("inpatient-record");

            submit(driver, By.id("tab-to-dieu-tri"));
            set(driver, "ngay", LocalDate.now(Fhir.ZONE).minusDays(1).toString());
            driver.findElement(By.id("dienBien")).sendKeys("Sốt 39 độ, ho nhiều");
            driver.findElement(By.id("yLenh")).sendKeys("Chăm sóc cấp II");
            driver.findElement(By.id("thuocMa0")).sendKeys(drugs.get(0).code());
            driver.findElement(By.id("thuocLieu0")).sendKeys("1");
            driver.findElement(By.id("thuocDonVi0")).sendKeys("viên");
            driver.findElement(By.id("thuocSoLan0")).sendKeys("2");
            submit(driver, By.id("save-sheet"));
            driver.findElement(By.id("dienBien")).sendKeys("Hết sốt, còn ho ít");
            driver.findElement(By.id("yLenh")).sendKeys("Tiếp tục kháng sinh");
            submit(driver, By.id("save-sheet"));
            assertThat(driver.findElements(By.cssSelector("#sheets tr"))).hasSize(3);
            assertThat(driver.findElement(By.id("sheets")).getText()).contains("Sốt 39 độ, ho nhiều")
                    .contains("Hết sốt, còn ho ít").contains(drugs.get(0).display());
            scrollTo(driver, "sheets");
            browser.screenshot("inpatient-treatment-sheets");
            String stayUrl = driver.getCurrentUrl().replace("/to-dieu-tri", "");
            logout(driver);

            login(driver, nurseLogin);
            driver.get(stayUrl + "/cham-soc");
            driver.findElement(By.id("nhietDo")).sendKeys("37.8");
            driver.findElement(By.id("mach")).sendKeys("88");
            driver.findElement(By.id("huyetApTamThu")).sendKeys("120");
            driver.findElement(By.id("huyetApTamTruong")).sendKeys("75");
            driver.findElement(By.id("ghiChu")).sendKeys("Người bệnh tỉnh, ăn được cháo");
            submit(driver, By.id("save-care"));
            assertThat(driver.findElements(By.cssSelector("#vital-chart circle.dot-t"))).hasSize(2);
            assertThat(driver.findElements(By.cssSelector("#vital-chart circle.dot-p"))).hasSize(2);
            assertThat(driver.findElement(By.id("notes")).getText()).contains("Người bệnh tỉnh, ăn được cháo");
            browser.screenshot("inpatient-care-chart");

            submit(driver, By.id("tab-thuoc"));
            submit(driver, By.cssSelector("button[id^='give-']"));
            assertThat(driver.findElement(By.id("given")).getText()).contains("Lê Văn Điều Dưỡng")
                    .contains(drugs.get(0).display());
            scrollTo(driver, "given");
            browser.screenshot("inpatient-medication-given");
            logout(driver);

            login(driver, doctorLogin);
            driver.get(stayUrl + "/thuoc");
            driver.findElement(By.cssSelector("input[id^='lyDoNgung-']")).sendKeys("Hết sốt, chuyển thuốc khác");
            submit(driver, By.cssSelector("button[id^='stop-']"));
            assertThat(driver.findElement(By.id("stopped")).getText()).contains("Hết sốt, chuyển thuốc khác")
                    .contains("Trần Thị Bác Sĩ").contains("Đã ngừng");
            assertThat(driver.findElements(By.cssSelector("button[id^='give-']"))).isEmpty();
            browser.screenshot("inpatient-drug-stopped");

            driver.get(stayUrl + "/to-dieu-tri");
            submit(driver, By.cssSelector("a[id^='correct-']")); // the newest day comes first
            WebElement course = driver.findElement(By.id("dienBien"));
            course.clear();
            course.sendKeys("Hết sốt, còn ho ít, ăn ngủ được");
            submit(driver, By.id("save-correction"));
            assertThat(driver.findElement(By.id("sheets")).getText()).contains("Hết sốt, còn ho ít, ăn ngủ được")
                    .contains("đã sửa").contains("Sốt 39 độ, ho nhiều");
            scrollTo(driver, "sheets");
            browser.screenshot("inpatient-sheet-corrected");

            driver.get(stayUrl + "/chuyen-khoa");
            new Select(driver.findElement(By.id("department"))).selectByValue(ward.surgery);
            new Select(driver.findElement(By.id("bed"))).selectByValue(ward.surgeryBeds.get(0));
            browser.screenshot("inpatient-transfer");
            submit(driver, By.id("transfer"));
            assertThat(driver.findElement(By.id("dept-" + ward.surgery)).getText())
                    .contains("Nguyễn Thị Hành Trình").contains("Giường G1");
            assertThat(driver.findElement(By.id("dept-" + ward.medicine)).getText())
                    .doesNotContain("Nguyễn Thị Hành Trình");
            browser.screenshot("inpatient-board");

            driver.get(stayUrl + "/ra-vien");
            driver.findElement(By.id("chanDoanChinh")).sendKeys("J18.9");
            driver.findElement(By.id("chanDoanChinhText")).sendKeys("Viêm phổi thùy dưới phải");
            driver.findElement(By.id("ppDieuTri")).sendKeys("Nội khoa");
            driver.findElement(By.id("tomTat")).sendKeys("Điều trị kháng sinh 2 ngày, hết sốt");
            driver.findElement(By.id("loiDan")).sendKeys("Uống thuốc theo đơn, tái khám sau 1 tuần");
            browser.screenshot("inpatient-discharge-form");
            submit(driver, By.id("discharge"));
            WebElement paper = driver.findElement(By.id("discharge-paper"));
            assertThat(paper.getText()).contains("Viêm phổi thùy dưới phải").contains("Nội khoa").contains("K10")
                    .contains("Đỡ").contains("Ra viện");
            assertThat(driver.findElement(By.id("print-paper")).getAttribute("href")).contains("/in/giay-ra-vien/");
            assertThat(driver.findElement(By.id("stay-finished")).getText()).isEqualTo("Đã ra viện");
            browser.screenshot("inpatient-discharge-paper");
        }
    }

    private void login(WebDriver driver, String username) {
        driver.get(server.root() + "/dang-nhap");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(EmrTestServer.PASSWORD);
        submit(driver, By.id("login"));
    }

    private static void logout(WebDriver driver) {
        submit(driver, By.id("logout"));
    }

    /**
     * Clicks and waits until the browser has left the page and finished loading the next one, so the next lookup
     * finds (and clicks) a node of the new document, not of one still being replaced.
     */
    private static void submit(WebDriver driver, By what) {
        WebElement element = driver.findElement(what);
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> gone(element));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the element's page has been replaced. ChromeDriver sometimes reports a node of the replaced page as
     * "does not belong to the document" instead of stale, which Selenium's staleness condition does not catch.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static void scrollTo(WebDriver driver, String id) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /** Date and time inputs take their value from script: typing into them depends on the browser's locale. */
    private static void set(WebDriver driver, String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]",
                id, value);
    }
}
