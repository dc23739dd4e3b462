package org.vnemr.signing.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.tsa.HttpTimeStampClient;
import org.vnemr.signing.tsa.TimeStampClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Spring wiring of keys, certificate checks and time-stamps from the {@code vnemr.signing.*} properties:
 * {@link SigningSettings}, the {@link CertificateValidator} (trust list + revocation mode), the
 * {@link SignerRegistry}, and a {@link TimeStampClient} when {@code vnemr.signing.tsa.url} is set (without one,
 * signatures stay baseline-B). Without a trust directory every certificate is refused as untrusted (VNEMR-4036):
 * a server must be told which CAs to believe.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeysConfiguration {

    @Bean
    public SigningSettings signingSettings(Environment environment) {
        return new SigningSettings(environment::getProperty, System::getenv);
    }

    @Bean
    public CertificateValidator certificateValidator(SigningSettings settings) {
        Optional<java.nio.file.Path> directory = settings.trustDirectory();
        if (directory.isEmpty()) {
            return (chain, at) -> new CertificateStatus(CertificateStatus.Verdict.UNTRUSTED,
                    TrustListCertificateValidator.displayName(chain.get(0)), at, false, "VNEMR-4036",
                    List.of("vnemr.signing.trust.directory (not set)"));
        }
        return new TrustListCertificateValidator(TrustList.fromDirectory(directory.get()), settings.revocationMode(),
                settings.crlFiles(), settings.duration("http-timeout", Duration.ofSeconds(10)));
    }

    @Bean
    public SignerRegistry signerRegistry(SigningSettings settings, CertificateValidator validator) {
        return new SignerRegistry(settings, validator);
    }

    /** Present only when a TSA is configured; inject as {@code Optional<TimeStampClient>} or ObjectProvider. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("vnemr.signing.tsa.url")
    public TimeStampClient timeStampClient(SigningSettings settings, CertificateValidator validator) {
        return new HttpTimeStampClient(settings.tsaUrl().orElseThrow(),
                settings.duration("http-timeout", Duration.ofSeconds(10)), validator);
    }
}
