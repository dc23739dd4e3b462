package org.vnemr.emr.security;

import org.springframework.context.annotation.Bean;
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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(requiresInterceptor());
    }
}
