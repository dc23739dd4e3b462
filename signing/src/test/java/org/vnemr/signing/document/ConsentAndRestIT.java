package org.vnemr.signing.document;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.Signer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Patient/relative confirmation by OTP, and the FHIR operations ($sign, $verify-signatures, $amend). */
class ConsentAndRestIT {

    private static final Signer DOCTOR = SigningTestBeans.signer(SigningTestBeans.PKI.doctor());
    private static FhirTestServer server;
    private static ClinicalFixtures fixtures;
    private static SignedDocumentService documents;
    private static Path keystore;

    @BeforeAll
    static void start() throws Exception {
        keystore = SigningTestBeans.PKI.doctor().pkcs12();
        server = FhirTestServer.startWith(List.of(SignedDocumentConfiguration.class, SigningTestBeans.class),
                "--vnemr.signing.server-keystore=" + keystore, "--vnemr.signing.server-keystore-password=123456",
                "--vnemr.signing.otp.reveal-in-response=true");
        fixtures = new ClinicalFixtures(server);
        documents = server.bean(SignedDocumentService.class);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void consentForm_doctorThenRelativeByOtp_wrongCodeCountsAttempts() {
        String id = fixtures.draft("consent-1", ClinicalFixtures.CONSENT);
        ConsentOtpService otp = server.bean(ConsentOtpService.class);
        assertThatThrownBy(() -> otp.issue(id, "patient-or-relative")).hasMessageContaining("VNEMR-4106");
        documents.sign(id, DOCTOR, "attending-physician");
        assertThatThrownBy(() -> documents.sign(id, DOCTOR, "patient-or-relative"))
                .hasMessageContaining("VNEMR-4107");
        ConsentOtpService.IssuedOtp issued = otp.issue(id, "patient-or-relative");
        assertThat(issued.code()).matches("\\d{6}");
        String stored = server.bean(JdbcTemplate.class).queryForObject(
                "SELECT code_hash FROM signing_consent_otp WHERE document_id = ?", String.class, id);
        assertThat(stored).doesNotContain(issued.code()).hasSize(64);
        String wrong = issued.code().equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> otp.confirm(id, "patient-or-relative", wrong, "RelatedPerson/rp1", "Nguyễn Văn Nam"))
                .isInstanceOf(SigningException.class).hasMessageContaining("VNEMR-4130").hasMessageContaining("4");
        SignedDocument confirmed = otp.confirm(id, "patient-or-relative", issued.code(), "RelatedPerson/rp1",
                "Nguyễn Văn Nam");
        assertThat(confirmed.step()).isEqualTo(1);
        DocumentVerification result = server.bean(SignatureVerification.class).verify(id);
        assertThat(result.problems()).isEmpty();
        assertThat(result.signatures()).extracting(DocumentVerification.Signature::method)
                .containsExactly("certificate", "otp");
        assertThat(server.get("Provenance/" + confirmed.provenanceId()).body())
                .contains("RelatedPerson/rp1", "1.2.840.10065.1.12.1.7", ConsentOtpService.OTP_EXTENSION);
        assertThat(server.send("DELETE", "Provenance/" + confirmed.provenanceId(), null, java.util.Map.of())
                .status()).isEqualTo(409);
    }

    @Test
    void otp_expiresAfterFiveMinutes() {
        String id = fixtures.draft("consent-expiry", ClinicalFixtures.CONSENT);
        documents.sign(id, DOCTOR, "attending-physician");
        MutableClock clock = new MutableClock(Instant.now());
        ConsentOtpService otp = new ConsentOtpService(documents, server.bean(FrozenRecords.class),
                server.bean(WriteService.class), server.bean(JdbcTemplate.class),
                server.bean(TransactionTemplate.class), clock);
        ConsentOtpService.IssuedOtp issued = otp.issue(id, "patient-or-relative");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThatThrownBy(() -> otp.confirm(id, "patient-or-relative", issued.code(), "Patient/p1", "Người bệnh"))
                .hasMessageContaining("VNEMR-4131");
        ConsentOtpService.IssuedOtp fresh = otp.issue(id, "patient-or-relative");
        assertThat(otp.confirm(id, "patient-or-relative", fresh.code(), "Patient/p1", "Người bệnh").step())
                .isEqualTo(1);
    }

    @Test
    void otp_fiveWrongAttempts_blockEvenTheRightCode() {
        String id = fixtures.draft("consent-attempts", ClinicalFixtures.CONSENT);
        documents.sign(id, DOCTOR, "attending-physician");
        ConsentOtpService otp = server.bean(ConsentOtpService.class);
        ConsentOtpService.IssuedOtp issued = otp.issue(id, "patient-or-relative");
        String wrong = issued.code().equals("999999") ? "888888" : "999999";
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> otp.confirm(id, "patient-or-relative", wrong, "Patient/p1", "Người bệnh"))
                    .hasMessageContaining("VNEMR-4130");
        }
        assertThatThrownBy(() -> otp.confirm(id, "patient-or-relative", wrong, "Patient/p1", "Người bệnh"))
                .hasMessageContaining("VNEMR-4132");
        assertThatThrownBy(() -> otp.confirm(id, "patient-or-relative", issued.code(), "Patient/p1", "Người bệnh"))
                .hasMessageContaining("VNEMR-4132");
    }

    @Test
    void restOperations_signVerifyAmend_andConsentOverHttp() {
        String id = fixtures.draft("rest-1", ClinicalFixtures.CONSENT);
        FhirTestServer.Response signed = server.post("Composition/" + id + "/$sign", """
                {"resourceType":"Parameters","parameter":[{"name":"role","valueString":"attending-physician"}]}""");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.body()).contains("Provenance/", "Binary/", "\"complete\"");
        FhirTestServer.Response again = server.post("Composition/" + id + "/$sign", """
                {"resourceType":"Parameters","parameter":[{"name":"role","valueString":"attending-physician"}]}""");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("VNEMR-4103");

        FhirTestServer.Response code = server.post("Composition/" + id + "/$consent-otp",
                "{\"resourceType\":\"Parameters\"}");
        assertThat(code.status()).as(code.body()).isEqualTo(200);
        String otp = code.body().replaceAll("(?s).*\"name\":\"code\",\"valueString\":\"(\\d{6})\".*", "$1");
        FhirTestServer.Response confirmed = server.post("Composition/" + id + "/$confirm-consent", """
                {"resourceType":"Parameters","parameter":[{"name":"code","valueString":"%s"},
                 {"name":"who","valueString":"Patient/p1"},{"name":"name","valueString":"Nguyễn Thị Hương"}]}"""
                .formatted(otp));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);

        FhirTestServer.Response verified = server.get("Composition/" + id + "/$verify-signatures");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).contains("\"name\":\"valid\",\"valueBoolean\":true", "Nguyễn Văn An",
                "Nguyễn Thị Hương", "\"valueCode\":\"otp\"", "\"valueCode\":\"TRUSTED\"");

        FhirTestServer.Response amended = server.post("Composition/" + id + "/$amend", """
                {"resourceType":"Parameters","parameter":[{"name":"reason","valueString":"Ghi sai tên thủ thuật"},
                 {"name":"resource","resource":%s}]}""".formatted(ClinicalFixtures.composition(id,
                ClinicalFixtures.CONSENT, "Nội dung đã sửa")));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.body()).contains("\"name\":\"replaces\"", "Composition/" + id);

        FhirTestServer.Response missing = server.get("Composition/nope/$verify-signatures");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("VNEMR-4100");
    }

    /** A clock a test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
