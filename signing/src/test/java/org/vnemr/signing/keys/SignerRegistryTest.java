package org.vnemr.signing.keys;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.testing.RemoteSigningCaServer;
import org.vnemr.signing.testing.TestPki;
import org.vnemr.signing.testing.TimeStampServer;
import org.vnemr.signing.tsa.TimeStampClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignerRegistryTest {

    private static TestPki pki;
    private static Path keys;

    @BeforeAll
    static void createKeys() throws Exception {
        pki = TestPki.create();
        keys = Files.createDirectories(pki.directory().resolve("keys"));
        Files.copy(pki.doctor().pkcs12(), keys.resolve("bs.an.p12"));
        Files.copy(pki.expired().pkcs12(), keys.resolve("bs.cu.p12"));
    }

    @AfterAll
    static void remove() {
        pki.close();
    }

    private static AnnotationConfigApplicationContext context(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setEnvironment(environment);
        context.register(SigningKeysConfiguration.class);
        context.refresh();
        return context;
    }

    private static Map<String, String> pkcs12Properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("vnemr.signing.kind", "pkcs12");
        properties.put("vnemr.signing.pkcs12.directory", keys.toString());
        properties.put("vnemr.signing.trust.directory", pki.trustDirectory().toString());
        properties.put("vnemr.signing.revocation", "offline");
        return properties;
    }

    @Test
    void forUser_opensTheUsersKeystoreWithTheirPinAndChecksTheCertificate() {
        try (var context = context(pkcs12Properties())) {
            SignerRegistry registry = context.getBean(SignerRegistry.class);
            CheckedSigner signer = registry.forUser("bs.an", TestPki.PIN);
            assertThat(signer.certificate()).isEqualTo(pki.doctor().certificate());
            assertThat(signer.sign(new byte[] {1, 2, 3})).hasSize(256);
            assertThat(signer.check().revocationChecked()).isFalse();

            CheckedSigner expired = registry.forUser("bs.cu", TestPki.PIN);
            assertThatThrownBy(() -> expired.sign(new byte[] {1}))
                    .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4031"));
            assertThatThrownBy(() -> registry.forUser("../etc/passwd", TestPki.PIN))
                    .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4027"));
            assertThat(context.getBeanProvider(TimeStampClient.class).getIfAvailable()).isNull();
        }
    }

    @Test
    void facility_readsItsPinFromASecretFileOnly() throws Exception {
        Path pinFile = Files.writeString(pki.directory().resolve("facility.pin"), new String(TestPki.PIN) + "\n");
        Map<String, String> properties = pkcs12Properties();
        properties.put("vnemr.signing.facility.kind", "pkcs12");
        properties.put("vnemr.signing.facility.pkcs12.path", pki.headOfDepartment().pkcs12().toString());
        properties.put("vnemr.signing.facility.pin-file", pinFile.toString());
        try (var context = context(properties)) {
            assertThat(context.getBean(SignerRegistry.class).facility().certificate())
                    .isEqualTo(pki.headOfDepartment().certificate());
        }
    }

    @Test
    void secretFromEnvironmentVariable_mustBeSet() {
        Map<String, String> values = new HashMap<>();
        values.put("vnemr.signing.facility.pin-env", "VNEMR_FACILITY_PIN");
        SigningSettings settings = new SigningSettings(values::get, Map.of("VNEMR_FACILITY_PIN", "123456")::get);
        assertThat(settings.secret("facility.pin")).isEqualTo(TestPki.PIN);
        SigningSettings unset = new SigningSettings(values::get, name -> null);
        assertThatThrownBy(() -> unset.secret("facility.pin"))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4028"));
        SigningSettings none = new SigningSettings(name -> null, name -> null);
        assertThatThrownBy(() -> none.secret("facility.pin"))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4027"));
    }

    @Test
    void remoteKind_connectsTheUsersAccountAtTheCa() throws Exception {
        try (RemoteSigningCaServer ca = RemoteSigningCaServer.start("s3cret")) {
            ca.addUser("bs.an", pki.doctor());
            ca.autoApprove(true);
            Path token = Files.writeString(pki.directory().resolve("remote.token"), "s3cret");
            Map<String, String> properties = pkcs12Properties();
            properties.put("vnemr.signing.kind", "remote");
            properties.put("vnemr.signing.remote.url", ca.baseUrl().toString());
            properties.put("vnemr.signing.remote.token-file", token.toString());
            properties.put("vnemr.signing.remote.poll-interval", "PT0.05S");
            try (var context = context(properties)) {
                CheckedSigner signer = context.getBean(SignerRegistry.class).forUser("bs.an", new char[0]);
                assertThat(signer.unwrap()).isInstanceOf(RemoteSigner.class);
                assertThat(signer.sign(new byte[] {9})).hasSize(256);
            }
        }
    }

    @Test
    void unknownKind_isRefused() {
        Map<String, String> properties = pkcs12Properties();
        properties.put("vnemr.signing.kind", "smartcard");
        try (var context = context(properties)) {
            assertThatThrownBy(() -> context.getBean(SignerRegistry.class).forUser("bs.an", TestPki.PIN))
                    .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4026"));
        }
    }

    @Test
    void withoutTrustDirectory_everyCertificateIsUntrusted() {
        Map<String, String> properties = pkcs12Properties();
        properties.remove("vnemr.signing.trust.directory");
        try (var context = context(properties)) {
            var status = context.getBean(CertificateValidator.class).check(pki.doctor().chain(), java.time.Instant.now());
            assertThat(status.trusted()).isFalse();
            assertThat(status.problemCode()).isEqualTo("VNEMR-4036");
        }
    }

    @Test
    void tsaUrl_makesATimeStampClient() throws Exception {
        try (TimeStampServer tsa = TimeStampServer.start(pki)) {
            Map<String, String> properties = pkcs12Properties();
            properties.put("vnemr.signing.tsa.url", tsa.url().toString());
            try (var context = context(properties)) {
                byte[] token = context.getBean(TimeStampClient.class).timestamp(new byte[32]);
                assertThat(token).isNotEmpty();
            }
        }
    }
}
