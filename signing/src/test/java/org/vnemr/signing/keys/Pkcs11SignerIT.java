package org.vnemr.signing.keys;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.testing.TestPki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Signs through the JDK's SunPKCS11 with a real PKCS#11 module, SoftHSM2 from Debian: a fresh token is
 * initialised with {@code softhsm2-util}, a key pair is generated on the token, the development CA certifies its
 * public key and the certificate is stored beside the key — as a CA does when it personalises a USB token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11SignerIT {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final char[] USER_PIN = "123456".toCharArray();

    private static TestPki pki;
    private static Pkcs11Signer.Pkcs11Settings settings;

    @BeforeAll
    static void initialiseToken() throws Exception {
        assumeTrue(Files.isRegularFile(LIBRARY) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util")),
                "SoftHSM2 is not installed (apt-get install softhsm2); CI installs it");
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(conf != null, "SOFTHSM2_CONF is set by the signing module's surefire configuration");
        Path confFile = Path.of(conf);
        Path tokens = confFile.resolveSibling("tokens");
        if (Files.exists(tokens)) {
            try (var paths = Files.walk(tokens)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "vnemr-test",
                "--pin", new String(USER_PIN), "--so-pin", "12345678").redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(init.waitFor()).as(output).isZero();
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertThat(slot.find()).as(output).isTrue();
        settings = new Pkcs11Signer.Pkcs11Settings(LIBRARY, Long.parseLong(slot.group(1)), null, null);
        pki = TestPki.create();
    }

    @AfterAll
    static void removePki() {
        if (pki != null) {
            pki.close();
        }
    }

    @Test
    @Order(1)
    void open_withWrongPin_isRefused() {
        assertThatThrownBy(() -> Pkcs11Signer.open(settings, "999999".toCharArray()))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4017"));
    }

    @Test
    @Order(2)
    void sign_withKeyGeneratedOnTheToken_verifiesWithTheDevCaCertificate() throws Exception {
        Provider provider = Pkcs11Signer.provider(settings);
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, USER_PIN);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = pki.ca().certify(
                CertificateProfile.person("Nguyễn Văn Token", "001085099999"), pair.getPublic());
        token.setKeyEntry("bs-token", pair.getPrivate(), null,
                new X509Certificate[] {certificate, pki.ca().certificate()});

        Pkcs11Signer signer = Pkcs11Signer.open(settings, USER_PIN);
        byte[] data = "Giấy ra viện".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(data);

        assertThat(signer.certificate()).isEqualTo(certificate);
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertThat(check.verify(signature)).isTrue();
        data[3] ^= 1;
        check.initVerify(certificate);
        check.update(data);
        assertThat(check.verify(signature)).isFalse();
    }

    @Test
    @Order(3)
    void open_missingLibrary_isRefused() {
        var missing = new Pkcs11Signer.Pkcs11Settings(Path.of("/nonexistent/libtoken.so"), null, 0, null);
        assertThatThrownBy(() -> Pkcs11Signer.open(missing, USER_PIN))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4015"));
    }

    @Test
    @Order(4)
    void open_slotWithoutToken_isRefused() {
        var empty = new Pkcs11Signer.Pkcs11Settings(LIBRARY, 424242L, null, null);
        assertThatThrownBy(() -> Pkcs11Signer.open(empty, USER_PIN))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4016"));
    }
}
