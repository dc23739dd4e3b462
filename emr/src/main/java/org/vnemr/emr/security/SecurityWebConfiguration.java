package org.vnemr.emr.security;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.vnemr.platform.abuse.RateLimits;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.RequiresInterceptor;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.platform.access.AccessDecision;
import org.vnemr.platform.access.PatientScope;
import org.vnemr.platform.audit.AuditTrail;

/**
 * Bảo mật màn hình: puts every screen handler behind {@link RequiresInterceptor} (the shared access decision).
 * Found by the emr component scan, so the feature packages need not know about it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityWebConfiguration implements WebMvcConfigurer {

    private final AccessDecision decision;
    private final SearchService search;
    private final ClinicalStore store;
    private final AuditTrail audit;

    public SecurityWebConfiguration(AccessDecision decision, SearchService search, ClinicalStore store,
                                    AuditTrail audit) {
        this.decision = decision;
        this.search = search;
        this.store = store;
        this.audit = audit;
    }

    @Bean
    public RequiresInterceptor requiresInterceptor() {
        return new RequiresInterceptor(decision, new PatientScope(search), store, audit);
    }

    /** Per-account limit for the screens: after the session guard (−50) has found the user. */
    @Bean
    public FilterRegistrationBean<UiRateLimitFilter> uiRateLimitFilter(RateLimits limits, FhirContext fhir) {
        FilterRegistrationBean<UiRateLimitFilter> registration =
                new FilterRegistrationBean<>(new UiRateLimitFilter(limits, fhir));
        registration.addUrlPatterns("/*");
        registration.setOrder(-40);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    /** Screen request bodies bounded before anything parses them. */
    @Bean
    public FilterRegistrationBean<UiRequestGuard> uiRequestSizeFilter(Environment env) {
        FilterRegistrationBean<UiRequestGuard> registration = new FilterRegistrationBean<>(
                new UiRequestGuard(env.getProperty("vnemr.ui.max-request-bytes", Long.class, 25L * 1024 * 1024)));
        registration.addUrlPatterns("/*");
        registration.setOrder(-60);
        return registration;
    }

    /**
     * The session id travels in a cookie only — never in URLs (";jsessionid=…" in a link can be copied, logged,
     * or planted: session fixation) — marked HttpOnly (no script reads it), SameSite=Lax, and Secure over TLS.
     */
    @Bean
    public org.springframework.boot.web.servlet.ServletContextInitializer sessionCookiesOnly() {
        return servletContext -> {
            servletContext.setSessionTrackingModes(java.util.EnumSet.of(jakarta.servlet.SessionTrackingMode.COOKIE));
            servletContext.getSessionCookieConfig().setHttpOnly(true);
        };
    }

    @Bean
    public org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer sameSiteCookies() {
        return context -> {
            var cookies = new org.apache.tomcat.util.http.Rfc6265CookieProcessor();
            cookies.setSameSiteCookies("Lax");
            context.setCookieProcessor(cookies);
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(requiresInterceptor());
    }
}
