package org.vnemr.signing.certs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.CheckedSigner;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.testing.RevocationServer;
import org.vnemr.signing.testing.TestPki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustListCertificateValidatorTest {

    private static TestPki pki;
    private static RevocationServer revocation;
    private static TrustListCertificateValidator online;

    @BeforeAll
    static void startPki() {
        RevocationServer[] holder = new RevocationServer[1];
        pki = RevocationServer.startWithPki(holder);
        revocation = holder[0];
        online = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()), RevocationMode.ONLINE);
    }

    @AfterAll
    static void stop() {
        revocation.close();
        pki.close();
    }

    @BeforeEach
    void servicesOn() {
        revocation.ocspOn(true);
        revocation.crlOn(true);
    }

    @Test
    void validCertificate_isTrustedWithRevocationCheckedByOcsp() {
        int before = revocation.ocspRequests();
        CertificateStatus status = online.check(pki.doctor().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.TRUSTED);
        assertThat(status.revocationChecked()).isTrue();
        assertThat(status.problemCode()).isNull();
        assertThat(status.subject()).isEqualTo("Nguyễn Văn An (CCCD:001085012345)");
        assertThat(revocation.ocspRequests()).isGreaterThan(before);
    }

    @Test
    void leafWithoutRoot_isCompletedFromTheTrustList() {
        assertThat(online.check(List.of(pki.doctor().certificate()), Instant.now()).trusted()).isTrue();
    }

    @Test
    void expired_isRefusedInVietnamese() {
        CertificateStatus status = online.check(pki.expired().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.EXPIRED);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4031");
        assertThatThrownBy(status::throwIfNotTrusted).isInstanceOfSatisfying(SigningException.class,
                e -> assertThat(e.messageVi()).contains("Lê Văn Cũ").contains("đã hết hạn"));
    }

    @Test
    void expiredCertificate_wasValidAtTheSigningTimeBefore() {
        Instant whileValid = pki.expired().certificate().getNotAfter().toInstant().minus(Duration.ofDays(10));
        assertThat(online.check(pki.expired().chain(), whileValid).verdict()).isIn(
                CertificateStatus.Verdict.TRUSTED);
    }

    @Test
    void notYetValid_isRefused() {
        CertificateStatus status = online.check(pki.notYetValid().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.NOT_YET_VALID);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4030");
    }

    @Test
    void revoked_isRefusedWithTheRevocationDate() {
        IssuedCertificate revoked = pki.revoked();
        CertificateStatus status = online.check(revoked.chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.REVOKED);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4033");
        assertThat(status.revocationChecked()).isTrue();
        assertThat(status.problemArgs()).contains("keyCompromise");
        assertThat(status.problemArgs().get(1)).matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void revoked_isFoundByOcspAloneWhenTheCrlIsDown() {
        revocation.crlOn(false);
        CertificateStatus status = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.ONLINE).check(pki.revoked().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.REVOKED);
        CertificateStatus good = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.ONLINE).check(pki.doctor().chain(), Instant.now());
        assertThat(good.trusted()).isTrue();
        assertThat(good.revocationChecked()).isTrue();
    }

    @Test
    void revoked_isFoundInTheCrlWhenOcspIsDown() {
        revocation.ocspOn(false);
        int crlBefore = revocation.crlRequests();
        CertificateStatus status = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.ONLINE).check(pki.revoked().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.REVOKED);
        assertThat(revocation.crlRequests()).isGreaterThan(crlBefore);
    }

    @Test
    void revokedLater_stillVouchesForASignatureMadeBefore() {
        Instant beforeRevocation = pki.ca().revocation(pki.revoked().certificate().getSerialNumber()).orElseThrow()
                .revokedAt().minus(Duration.ofSeconds(30));
        assertThat(online.check(pki.revoked().chain(), beforeRevocation).trusted()).isTrue();
    }

    @Test
    void noRevocationAnswer_isRefusedOnline() {
        revocation.ocspOn(false);
        revocation.crlOn(false);
        CertificateStatus status = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.ONLINE).check(pki.doctor().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.UNKNOWN);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4034");
        assertThat(status.revocationChecked()).isFalse();
    }

    @Test
    void offline_trustsButSaysRevocationWasNotChecked() {
        revocation.ocspOn(false);
        revocation.crlOn(false);
        var offline = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.OFFLINE);
        int requests = revocation.ocspRequests() + revocation.crlRequests();
        CertificateStatus status = offline.check(pki.revoked().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.TRUSTED);
        assertThat(status.revocationChecked()).isFalse();
        assertThat(status.problemCode()).isEqualTo("VNEMR-4037");
        assertThat(revocation.ocspRequests() + revocation.crlRequests()).as("no network in offline mode")
                .isEqualTo(requests);
    }

    @Test
    void offline_withCrlFile_findsTheRevocation() throws Exception {
        pki.revoked();
        Path crlCopy = Files.copy(pki.ca().crlDer(), pki.directory().resolve("copied.crl"));
        var offline = new TrustListCertificateValidator(TrustList.fromDirectory(pki.trustDirectory()),
                RevocationMode.OFFLINE, List.of(crlCopy), Duration.ofSeconds(2));
        assertThat(offline.check(pki.revoked().chain(), Instant.now()).verdict())
                .isEqualTo(CertificateStatus.Verdict.REVOKED);
        CertificateStatus good = offline.check(pki.doctor().chain(), Instant.now());
        assertThat(good.trusted()).isTrue();
        assertThat(good.revocationChecked()).isTrue();
    }

    @Test
    void otherCa_isUntrusted() {
        CertificateStatus status = online.check(pki.untrusted().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.UNTRUSTED);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4032");
    }

    @Test
    void encryptionOnlyCertificate_isRefusedForSigning() {
        CertificateStatus status = online.check(pki.wrongKeyUsage().chain(), Instant.now());
        assertThat(status.verdict()).isEqualTo(CertificateStatus.Verdict.WRONG_KEY_USAGE);
        assertThat(status.problemCode()).isEqualTo("VNEMR-4035");
    }

    @Test
    void checkedSigner_refusesEveryBadCertificateBeforeSigning() {
        for (IssuedCertificate bad : List.of(pki.expired(), pki.notYetValid(), pki.revoked(), pki.untrusted(),
                pki.wrongKeyUsage())) {
            var signer = new CheckedSigner(Pkcs12Signer.open(bad.pkcs12(), TestPki.PIN), online);
            assertThatThrownBy(() -> signer.sign(new byte[] {1}))
                    .as(bad.certificate().getSubjectX500Principal().getName())
                    .isInstanceOfSatisfying(SigningException.class,
                            e -> assertThat(e.code()).isIn("VNEMR-4030", "VNEMR-4031", "VNEMR-4032", "VNEMR-4033",
                                    "VNEMR-4035"));
        }
        var good = new CheckedSigner(Pkcs12Signer.open(pki.doctor().pkcs12(), TestPki.PIN), online);
        assertThat(good.sign(new byte[] {1})).hasSize(256);
    }

    @Test
    void emptyTrustDirectory_isRefused() throws Exception {
        Path empty = Files.createDirectories(pki.directory().resolve("empty-trust"));
        assertThatThrownBy(() -> TrustList.fromDirectory(empty)).isInstanceOfSatisfying(SigningException.class,
                e -> assertThat(e.code()).isEqualTo("VNEMR-4036"));
    }

    @Test
    void timeStampingCertificateWithCriticalExtendedKeyUsage_chainsToTheRoot() {
        IssuedCertificate tsa = pki.user("tsa", () -> CertificateProfile.service("vnemr test TSA",
                CertificateProfile.Purpose.TIME_STAMPING));
        CertificateStatus status = online.check(tsa.chain(), Instant.now());
        assertThat(status.trusted()).as(String.valueOf(status)).isTrue();
    }
}
