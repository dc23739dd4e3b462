package org.vnemr.signing.keys;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.testing.TestPki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pkcs12SignerTest {

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @AfterAll
    static void removePki() {
        pki.close();
    }

    @Test
    void sign_makesSha256WithRsaSignatureThatVerifiesWithTheCertificate() throws Exception {
        Pkcs12Signer signer = Pkcs12Signer.open(pki.doctor().pkcs12(), TestPki.PIN);
        byte[] data = "Bệnh án nội khoa".getBytes(StandardCharsets.UTF_8);

        byte[] signature = signer.sign(data);

        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(signer.certificate());
        check.update(data);
        assertThat(check.verify(signature)).isTrue();
        assertThat(signer.certificateChain()).containsExactly(pki.doctor().certificate(), pki.ca().certificate());
        data[0] ^= 1;
        check.initVerify(signer.certificate());
        check.update(data);
        assertThat(check.verify(signature)).isFalse();
    }

    @Test
    void open_withWrongPin_isRefused() {
        assertThatThrownBy(() -> Pkcs12Signer.open(pki.doctor().pkcs12(), "000000".toCharArray()))
                .isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.code()).isEqualTo("VNEMR-4011");
                    assertThat(e.messageVi()).contains("Sai mã PIN");
                });
    }

    @Test
    void open_missingFile_isRefused() {
        assertThatThrownBy(() -> Pkcs12Signer.open(Path.of("/nonexistent/an.p12"), TestPki.PIN))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4010"));
    }

    @Test
    void open_notAKeystore_isRefused() throws Exception {
        Path junk = Files.writeString(pki.directory().resolve("junk.p12"), "không phải PKCS#12");
        assertThatThrownBy(() -> Pkcs12Signer.open(junk, TestPki.PIN))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isIn("VNEMR-4010", "VNEMR-4011"));
    }

    @Test
    void open_unknownAlias_isRefused() {
        assertThatThrownBy(() -> Pkcs12Signer.open(pki.doctor().pkcs12(), TestPki.PIN, "other"))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4012"));
    }

    @Test
    void open_rsa1024Key_isRefused() {
        var weak = pki.ca().issue(CertificateProfile.person("Yếu Khóa", "001000000009"),
                DevelopmentCa.generateRsa(1024), "weak", TestPki.PIN);
        assertThatThrownBy(() -> Pkcs12Signer.open(weak.pkcs12(), TestPki.PIN))
                .isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.code()).isEqualTo("VNEMR-4013");
                    assertThat(e.messageEn()).contains("RSA 1024");
                });
    }
}
