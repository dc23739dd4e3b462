package org.vnemr.signing.tsa;

import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.testing.TestPki;
import org.vnemr.signing.testing.TimeStampServer;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpTimeStampClientTest {

    private static TestPki pki;
    private static TimeStampServer tsa;
    private static TrustListCertificateValidator validator;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        tsa = TimeStampServer.start(pki);
        validator = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.OFFLINE);
    }

    @AfterAll
    static void stop() {
        tsa.close();
        pki.close();
    }

    @BeforeEach
    void behave() {
        tsa.wrongNonce(false);
        tsa.refuse(false);
    }

    private static byte[] digest(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void timestamp_returnsATokenOverOurDigestSignedByTheTsa() throws Exception {
        byte[] digest = digest("chữ ký của bác sĩ");
        Instant before = Instant.now().minusSeconds(1);
        byte[] token = new HttpTimeStampClient(tsa.url(), Duration.ofSeconds(5), validator).timestamp(digest);

        TimeStampToken parsed = new TimeStampToken(new CMSSignedData(token));
        assertThat(parsed.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(parsed.getTimeStampInfo().getPolicy().getId()).isEqualTo(TimeStampServer.POLICY);
        assertThat(parsed.getTimeStampInfo().getGenTime().toInstant()).isAfter(before);
        assertThat(parsed.getSID().getSerialNumber()).isEqualTo(tsa.certificate().certificate().getSerialNumber());
    }

    @Test
    void answerWithAnotherNonce_isRefused() {
        tsa.wrongNonce(true);
        assertThatThrownBy(() -> new HttpTimeStampClient(tsa.url(), Duration.ofSeconds(5), validator)
                .timestamp(digest("x")))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4042"));
    }

    @Test
    void refusal_isReportedWithTheTsaStatus() {
        tsa.refuse(true);
        assertThatThrownBy(() -> new HttpTimeStampClient(tsa.url(), Duration.ofSeconds(5), validator)
                .timestamp(digest("x")))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4041"));
    }

    @Test
    void tsaOfAnUntrustedCa_isRefused() throws Exception {
        try (TestPki other = TestPki.create()) {
            var otherValidator = new TrustListCertificateValidator(TrustList.fromDirectory(other.trustDirectory()),
                    RevocationMode.OFFLINE);
            assertThatThrownBy(() -> new HttpTimeStampClient(tsa.url(), Duration.ofSeconds(5), otherValidator)
                    .timestamp(digest("x")))
                    .isInstanceOfSatisfying(SigningException.class, e -> {
                        assertThat(e.code()).isEqualTo("VNEMR-4042");
                        assertThat(e.getMessage()).contains("TSA certificate");
                    });
        }
    }

    @Test
    void unreachableTsa_isReported() {
        assertThatThrownBy(() -> new HttpTimeStampClient(URI.create("http://127.0.0.1:9/tsa"), Duration.ofSeconds(2),
                validator).timestamp(digest("x")))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4040"));
    }
}
