package org.vnemr.signing.pdf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.testing.TestPki;
import org.vnemr.signing.testing.TimeStampServer;
import org.vnemr.signing.tsa.HttpTimeStampClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PAdES baseline-T with the real RFC 3161 client against a TSA over HTTP on loopback, keys from the dev CA. */
class PadesBaselineTIT {

    private static TestPki pki;
    private static TimeStampServer tsa;
    private static TrustListCertificateValidator validator;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        tsa = TimeStampServer.start(pki);
        validator = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.OFFLINE, List.of(pki.ca().crlDer()), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        tsa.close();
        pki.close();
    }

    @Test
    void signatureTimeStamp_fromTheTsa_isEmbeddedAndVerified() {
        PadesSigner signer = new PadesSigner(new HttpTimeStampClient(tsa.url(), Duration.ofSeconds(10), validator),
                Clock.systemUTC());
        byte[] pdf = new DocumentPdfRenderer().render(SampleDocuments.dischargePaper(2), "Composition/t1", "1");
        Instant before = Instant.now().minusSeconds(2);
        byte[] signed = signer.sign(pdf, Pkcs12Signer.open(pki.doctor().pkcs12(), TestPki.PIN), "Bác sĩ", null);
        List<PdfSignatureReport> reports = new PdfSignatureVerifier(validator).verify(signed);
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.cryptoValid()).as(r.problem()).isTrue();
            assertThat(r.timeStampTime()).isAfter(before);
            assertThat(r.certificateStatus().trusted()).isTrue();
            assertThat(r.subject()).contains("Nguyễn Văn An");
        });
    }
}
