package org.vnemr.bhyt.testing;

import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.Pkcs12Signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A development CA and the facility's signing certificate (made once per test JVM; RSA generation is slow). */
public final class FacilityKey {

    public static final char[] PIN = "123456".toCharArray();
    private static FacilityKey instance;

    public final Path directory;
    public final DevelopmentCa ca;
    public final IssuedCertificate facility;

    private FacilityKey() {
        try {
            directory = Files.createTempDirectory("vnemr-bhyt-pki-");
            ca = DevelopmentCa.init(directory.resolve("ca"), PIN, null, null);
            facility = ca.issue(CertificateProfile.service("Bệnh viện Đa khoa Mẫu 79001",
                    CertificateProfile.Purpose.DOCUMENT_SIGNING), "facility", PIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized FacilityKey get() {
        if (instance == null) {
            instance = new FacilityKey();
        }
        return instance;
    }

    public Pkcs12Signer signer() {
        return Pkcs12Signer.open(facility.pkcs12(), PIN);
    }
}
