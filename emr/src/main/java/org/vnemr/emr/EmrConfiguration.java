package org.vnemr.emr;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.vnemr.emr.verification.SignatureVerificationController;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.document.SignatureVerification;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The facility's screens: server-rendered Thymeleaf, Vietnamese first. {@code ?lang=en} switches to English and
 * is remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
public class EmrConfiguration implements WebMvcConfigurer {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    @Bean
    public ReloadableResourceBundleMessageSource messageSource() {
        ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:vnemr/ui/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(VIETNAMESE);
        return messages;
    }

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("vnemr-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change);
    }

    @Bean
    public PdfSignatureVerifier pdfSignatureVerifier(CertificateValidator certificates) {
        return new PdfSignatureVerifier(certificates);
    }

    @Bean
    public SignatureVerificationController signatureVerificationController(PdfSignatureVerifier pdfs,
                                                                           SignatureVerification documents) {
        return new SignatureVerificationController(pdfs, documents);
    }
}
