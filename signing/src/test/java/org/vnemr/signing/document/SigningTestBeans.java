package org.vnemr.signing.document;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.pdf.TestPki;

/** The test PKI's trust list as the server's certificate validator. */
@Configuration(proxyBeanMethods = false)
public class SigningTestBeans {

    @Bean
    public CertificateValidator certificateValidator() {
        return TestPki.shared().validator();
    }
}
