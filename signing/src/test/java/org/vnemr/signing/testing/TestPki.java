package org.vnemr.signing.testing;

import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A ready development CA with the users tests need, in a temporary directory: two valid signers (a doctor and a
 * head of department), and the certificates that must be refused — expired, not yet valid, revoked, wrong key
 * usage, and one from another CA that is not in the trust list. Users are made on first use (RSA key generation
 * is the slow part). {@link #trustDirectory()} holds only this CA's root, ready for a trust-list validator.
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.create()) {
 *     Signer doctor = pki.pkcs12Signer(pki.doctor());
 * }
 * }</pre>
 */
public final class TestPki implements AutoCloseable {

    /** PIN of every user keystore and password of the CA keystore. */
    public static final char[] PIN = "123456".toCharArray();

    private final Path directory;
    private final DevelopmentCa ca;
    private final Map<String, IssuedCertificate> users = new HashMap<>();
    private DevelopmentCa otherCa;

    private TestPki(Path directory, DevelopmentCa ca) {
        this.directory = directory;
        this.ca = ca;
    }

    /** A CA whose certificates name no CRL or OCSP URL (revocation from the CRL file only). */
    public static TestPki create() {
        return create(null, null);
    }

    /** A CA whose certificates point at the given CRL and OCSP URLs (see {@code RevocationServer}). */
    public static TestPki create(URI crlUrl, URI ocspUrl) {
        try {
            Path directory = Files.createTempDirectory("vnemr-pki-");
            DevelopmentCa ca = DevelopmentCa.init(directory.resolve("ca"), PIN, crlUrl, ocspUrl);
            Path trust = Files.createDirectories(directory.resolve("trust"));
            Files.copy(ca.certificatePem(), trust.resolve("vnemr-dev-root.pem"));
            return new TestPki(directory, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DevelopmentCa ca() {
        return ca;
    }

    public Path directory() {
        return directory;
    }

    /** A directory holding only this CA's root certificate (PEM). */
    public Path trustDirectory() {
        return directory.resolve("trust");
    }

    /** BS. Nguyễn Văn An, CCCD 001085012345, valid now. */
    public IssuedCertificate doctor() {
        return user("doctor", () -> CertificateProfile.person("Nguyễn Văn An", "001085012345")
                .withEmail("an.nguyen@example.vn"));
    }

    /** Trưởng khoa Trần Thị Bình, CCCD 079190000123, valid now. */
    public IssuedCertificate headOfDepartment() {
        return user("head", () -> CertificateProfile.person("Trần Thị Bình", "079190000123"));
    }

    /** Expired yesterday. */
    public IssuedCertificate expired() {
        Instant now = Instant.now();
        return user("expired", () -> CertificateProfile.person("Lê Văn Cũ", "001080000001")
                .withValidity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))));
    }

    /** Valid only from tomorrow. */
    public IssuedCertificate notYetValid() {
        Instant now = Instant.now();
        return user("not-yet-valid", () -> CertificateProfile.person("Phạm Thị Mới", "001090000002")
                .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400))));
    }

    /** Revoked a minute ago (key compromise); the CRL is republished. */
    public IssuedCertificate revoked() {
        return user("revoked", () -> CertificateProfile.person("Hoàng Văn Mất", "001070000003"),
                issued -> ca.revoke(issued.certificate(), Instant.now().minus(Duration.ofMinutes(1)), 1));
    }

    /** Issued for key encipherment only. */
    public IssuedCertificate wrongKeyUsage() {
        return user("wrong-key-usage", () -> CertificateProfile.person("Vũ Thị Mã", "001060000004")
                .withPurpose(CertificateProfile.Purpose.ENCRYPTION_ONLY));
    }

    /** Valid, but issued by a second development CA that is not in {@link #trustDirectory()}. */
    public synchronized IssuedCertificate untrusted() {
        IssuedCertificate existing = users.get("untrusted");
        if (existing == null) {
            if (otherCa == null) {
                otherCa = DevelopmentCa.init(directory.resolve("other-ca"), PIN, null, null);
            }
            existing = otherCa.issue(CertificateProfile.person("Đỗ Văn Lạ", "001050000005"), "untrusted", PIN);
            users.put("untrusted", existing);
        }
        return existing;
    }

    /** Makes (once) a certificate of any profile under this CA. */
    public IssuedCertificate user(String name, Supplier<CertificateProfile> profile) {
        return user(name, profile, issued -> { });
    }

    private synchronized IssuedCertificate user(String name, Supplier<CertificateProfile> profile,
                                                java.util.function.Consumer<IssuedCertificate> afterIssue) {
        IssuedCertificate existing = users.get(name);
        if (existing == null) {
            existing = ca.issue(profile.get(), name, PIN);
            afterIssue.accept(existing);
            users.put(name, existing);
        }
        return existing;
    }

    @Override
    public void close() {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
