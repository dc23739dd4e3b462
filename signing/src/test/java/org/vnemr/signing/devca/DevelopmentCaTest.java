package org.vnemr.signing.devca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.testing.TestPki;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevelopmentCaTest {

    private static TestPki pki;

    @BeforeAll
    static void createCa() {
        pki = TestPki.create();
    }

    @AfterAll
    static void removeCa() {
        pki.close();
    }

    @Test
    void root_isRsa3072SelfSignedCaMarkedNotForProduction() throws Exception {
        X509Certificate root = pki.ca().certificate();
        assertThat(((RSAPublicKey) root.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        root.verify(root.getPublicKey());
        assertThat(DevelopmentCa.isDevelopmentCertificate(root)).isTrue();
        assertThat(Files.readString(pki.ca().certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void user_hasVietnameseNamePersonalIdAndSigningKeyUsage() throws Exception {
        X509Certificate user = pki.doctor().certificate();
        X500Name subject = X500Name.getInstance(user.getSubjectX500Principal().getEncoded());
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()))
                .isEqualTo("Nguyễn Văn An");
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.UID)[0].getFirst().getValue()))
                .isEqualTo("CCCD:001085012345");
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.OU)[0].getFirst().getValue()))
                .isEqualTo(DevelopmentCa.NOT_FOR_PRODUCTION);
        assertThat(((RSAPublicKey) user.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(user.getSigAlgName()).isEqualTo("SHA256withRSA");
        boolean[] usage = user.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isFalse();
        assertThat(user.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36");
        assertThat(user.getBasicConstraints()).isEqualTo(-1);
        user.verify(pki.ca().certificate().getPublicKey());
    }

    @Test
    void user_keystoreOpensWithPinAndHoldsKeyAndChain() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.doctor().pkcs12())) {
            store.load(in, TestPki.PIN);
        }
        assertThat(store.getKey(DevelopmentCa.KEY_ALIAS, TestPki.PIN)).isEqualTo(pki.doctor().privateKey());
        assertThat(store.getCertificateChain(DevelopmentCa.KEY_ALIAS)).hasSize(2);
        assertThat(Files.readString(pki.doctor().pem())).contains("BEGIN CERTIFICATE");
    }

    @Test
    void brokenCertificates_haveTheFlawTheirNameSays() {
        Instant now = Instant.now();
        assertThat(pki.expired().certificate().getNotAfter().toInstant()).isBefore(now);
        assertThat(pki.notYetValid().certificate().getNotBefore().toInstant()).isAfter(now);
        assertThat(pki.wrongKeyUsage().certificate().getKeyUsage()[0]).isFalse();
        assertThat(pki.wrongKeyUsage().certificate().getKeyUsage()[2]).isTrue();
        assertThat(pki.untrusted().certificate().getIssuerX500Principal())
                .isEqualTo(pki.doctor().certificate().getIssuerX500Principal()); // same name, other key
        assertThat(pki.untrusted().chain().get(1)).isNotEqualTo(pki.ca().certificate());
    }

    @Test
    void revoke_publishesCrlListingTheSerialWithItsDate() throws Exception {
        X509Certificate revoked = pki.revoked().certificate();
        var crl = pki.ca().currentCrl();
        crl.verify(pki.ca().certificate().getPublicKey());
        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.isRevoked(pki.doctor().certificate())).isFalse();
        assertThat(pki.ca().revocation(revoked.getSerialNumber())).get()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(1));
        assertThat(Files.readString(pki.ca().crlPem())).contains("BEGIN X509 CRL");
    }

    @Test
    void open_withWrongPassword_isRefused() {
        assertThatThrownBy(() -> DevelopmentCa.open(pki.ca().directory(), "wrong".toCharArray()))
                .isInstanceOf(SigningException.class)
                .satisfies(e -> assertThat(((SigningException) e).code()).isEqualTo("VNEMR-4002"));
    }

    @Test
    void init_onExistingCa_isRefused() {
        assertThatThrownBy(() -> DevelopmentCa.init(pki.ca().directory(), TestPki.PIN, null, null))
                .isInstanceOf(SigningException.class)
                .satisfies(e -> assertThat(((SigningException) e).code()).isEqualTo("VNEMR-4000"));
    }

    @Test
    void open_reloadsTheSameRootAndKeepsIssuing() {
        DevelopmentCa reopened = DevelopmentCa.open(pki.ca().directory(), TestPki.PIN);
        assertThat(reopened.certificate()).isEqualTo(pki.ca().certificate());
        assertThat(reopened.hasIssued(pki.doctor().certificate().getSerialNumber())).isTrue();
    }
}
