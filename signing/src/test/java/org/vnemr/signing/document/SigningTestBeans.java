package org.vnemr.signing.document;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.signing.Signer;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.testing.TestPki;

import java.time.Duration;
import java.util.List;

/**
 * The integration tests' PKI: the development CA of the keys module, its root as the only trust anchor, its CRL
 * file for revocation (offline mode: no network), and signers opened from the issued PKCS#12 files.
 */
@Configuration(proxyBeanMethods = false)
public class SigningTestBeans {

    static final TestPki PKI = TestPki.create();

    @Bean
    public CertificateValidator certificateValidator() {
        return validator();
    }

    static CertificateValidator validator() {
        return new TrustListCertificateValidator(TrustList.fromDirectory(PKI.trustDirectory()),
                RevocationMode.OFFLINE, List.of(PKI.ca().crlDer()), Duration.ofSeconds(5));
    }

    static Signer signer(IssuedCertificate issued) {
        return Pkcs12Signer.open(issued.pkcs12(), TestPki.PIN);
    }
}
