package org.vnemr.emr;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.vnemr.emr.login.FacilityNetwork;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.emr.web.SessionGuard;
import org.vnemr.fhir.rest.BundleProcessor;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The facility's screens: server-rendered Thymeleaf, Vietnamese first. {@code ?lang=en} switches to English and
 * is remembered in a cookie. Each feature package ({@code emr.registration}, {@code emr.outpatient} …) declares its
 * controllers with {@code @Controller} and its other beans in its own {@code @Configuration}; both are found by
 * the component scan below, so features do not all edit this class.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = EmrConfiguration.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = EmrConfiguration.class))
public class EmrConfiguration implements WebMvcConfigurer {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    @Bean
    public ReloadableResourceBundleMessageSource messageSource() {
        ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
        // one bundle per feature, so features add their texts without touching each other's files
        messages.setBasenames("classpath:vnemr/ui/messages", "classpath:vnemr/ui/registration",
                "classpath:vnemr/ui/outpatient", "classpath:vnemr/ui/inpatient", "classpath:vnemr/ui/charges",
                "classpath:vnemr/ui/printing", "classpath:vnemr/ui/chart", "classpath:vnemr/ui/security",
                "classpath:vnemr/ui/queue", "classpath:vnemr/ui/prescription");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(VIETNAMESE);
        return messages;
    }

    /**
     * Template expressions compiled to bytecode once they have run a few times (Spring's SpEL compiler in mixed
     * mode: an expression that cannot be compiled keeps being interpreted). Evaluating them was a tenth of the CPU
     * of a busy clinic's pages.
     */
    @Bean
    static BeanPostProcessor compiledTemplateExpressions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof SpringTemplateEngine engine) {
                    engine.setEnableSpringELCompiler(true);
                }
                return bean;
            }
        };
    }

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("vnemr-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }

    @Bean
    public ClinicalStore clinicalStore(FhirContext fhir, ResourceStore store, SearchService search,
                                       BundleProcessor bundles, AuditTrail audit) {
        return new ClinicalStore(fhir, store, search, bundles, audit);
    }

    @Bean
    public FacilityNetwork facilityNetwork(Environment env) {
        return new FacilityNetwork(env.getProperty("vnemr.security.facility-networks", FacilityNetwork.DEFAULT));
    }

    /** Every screen behind the login; runs after the audit and size-limit filters of /fhir (which it skips). */
    @Bean
    public FilterRegistrationBean<SessionGuard> sessionGuard() {
        FilterRegistrationBean<SessionGuard> registration = new FilterRegistrationBean<>(
                new SessionGuard(Clock.systemUTC()));
        registration.addUrlPatterns("/*");
        registration.setOrder(-50);
        return registration;
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
}
