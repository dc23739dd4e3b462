package org.vnemr.emr.verification;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.vnemr.emr.EmrConfiguration;
import org.vnemr.emr.testing.Browser;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.document.SignedDocumentConfiguration;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.keys.SigningKeysConfiguration;
import org.vnemr.signing.pdf.PadesSigner;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature check screen over real HTTP: a PDF signed with a development-CA certificate shows its signer and
 * "valid"; the same PDF with one byte changed shows "not valid"; bad input is answered next to the field, and what
 * was typed stays in the box. Two journeys run in a real headless Chromium.
 */
class SignatureVerificationScreenIT {

    static FhirTestServer server;
    static String root;
    static byte[] signedPdf;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path temp = Files.createTempDirectory("vnemr-verify-screen");
        char[] pin = "pin-1234".toCharArray();
        DevelopmentCa ca = DevelopmentCa.init(temp.resolve("ca"), "ca-password".toCharArray(), null, null);
        IssuedCertificate doctor = ca.issue(CertificateProfile.person("Nguyễn Văn An", "001085012345"), "an", pin);
        Path trust = Files.createDirectories(temp.resolve("trust"));
        Files.copy(ca.certificatePem(), trust.resolve("ca.pem"));

        signedPdf = new PadesSigner(null, Clock.systemUTC())
                .sign(onePagePdf(), Pkcs12Signer.open(doctor.pkcs12(), pin), "Giấy ra viện", "Hà Nội");
        server = FhirTestServer.startWith(List.of(org.vnemr.platform.PlatformConfiguration.class, SigningKeysConfiguration.class, SignedDocumentConfiguration.class,
                EmrConfiguration.class), "--vnemr.signing.trust.directory=" + trust, "--vnemr.signing.revocation=offline");
        root = server.base().replaceAll("/fhir$", "");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] onePagePdf() throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }

    private static HttpResponse<String> upload(byte[] pdf, String query) throws Exception {
        String boundary = "----vnemr" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"giay-ra-vien.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + "/xac-minh/pdf" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void form_isInVietnameseByDefault_andInEnglishOnRequest() throws Exception {
        assertThat(get("/xac-minh").body()).contains("Xác minh chữ ký số").contains("Tệp PDF đã ký");
        assertThat(get("/xac-minh?lang=en").body()).contains("Signature verification");
    }

    @Test
    void signedPdf_showsItsSignerAndValid() throws Exception {
        HttpResponse<String> page = upload(signedPdf, "");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("HỢP LỆ").doesNotContain("KHÔNG HỢP LỆ")
                .contains("Nguyễn Văn An").contains("Toàn vẹn")
                .contains("Chưa kiểm tra thu hồi");
    }

    @Test
    void pdfWithOneByteChanged_showsNotValid() throws Exception {
        byte[] tampered = signedPdf.clone();
        String text = new String(tampered, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/MediaBox"); // inside the signed range, before the signature dictionary
        tampered[at + 1] = (byte) (tampered[at + 1] == 'M' ? 'N' : 'M');
        HttpResponse<String> page = upload(tampered, "?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("NOT VALID").contains("Changed after signing");
    }

    @Test
    void badInput_isAnsweredNextToTheField() throws Exception {
        assertThat(upload(new byte[0], "").body()).contains("field-error").contains("Chưa chọn tệp PDF");
        assertThat(get("/xac-minh/ho-so?id=..%2F..%2Fetc").body()).contains("field-error")
                .contains("Mã tài liệu chỉ gồm");
    }

    @Test
    void inABrowser_aClerkUploadsASignedPdf_andSeesTheSignerAndValid() throws Exception {
        Path pdf = Files.createTempFile("giay-ra-vien", ".pdf");
        Files.write(pdf, signedPdf);
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(root + "/xac-minh");
            browser.screenshot("verification-form");
            page.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
            page.findElement(By.cssSelector("form[action='/xac-minh/pdf'] button")).click();
            String verdict = page.findElement(By.cssSelector(".verdict")).getText();
            browser.screenshot("verification-result");
            assertThat(verdict).startsWith("HỢP LỆ");
            assertThat(page.findElement(By.tagName("table")).getText()).contains("Nguyễn Văn An");
        }
    }

    @Test
    void inABrowser_aMistypedDocumentId_isShownNextToTheField_andKeptInTheBox() throws Exception {
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(root + "/xac-minh");
            page.findElement(By.id("id")).sendKeys("giấy ra viện 12");
            page.findElement(By.cssSelector("form[action='/xac-minh/ho-so'] button")).click();
            browser.screenshot("verification-id-error");
            assertThat(page.findElement(By.cssSelector("#id + .field-error")).getText()).contains("Mã tài liệu chỉ gồm");
            assertThat(page.findElement(By.id("id")).getAttribute("value")).isEqualTo("giấy ra viện 12");
        }
    }

    @Test
    void unknownDocumentId_isNotValid() throws Exception {
        HttpResponse<String> page = get("/xac-minh/ho-so?id=khong-co");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("KHÔNG HỢP LỆ");
    }
}
