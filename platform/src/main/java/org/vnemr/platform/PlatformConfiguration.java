package org.vnemr.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditLogWriter;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.audit.web.AccessLogProvider;
import org.vnemr.platform.audit.web.AuditEventEndpoint;
import org.vnemr.platform.audit.web.FhirAuditFilter;
import org.vnemr.platform.audit.web.FhirAuditInterceptor;

import javax.sql.DataSource;
import java.time.ZoneId;
import java.util.List;

/**
 * The platform module's Spring configuration: the audit trail (writer, verifier, search), the FHIR audit
 * (filter + interceptor on {@code /fhir}, {@code AuditEvent} search and {@code Patient/$access-log}).
 *
 * <p>Properties: {@code vnemr.audit.fhir.enabled} (default true) audits every FHIR interaction;
 * {@code vnemr.audit.wait-for-durability} (default false) makes each request wait for its events' commit;
 * {@code vnemr.audit.queue-capacity} (default 100000); {@code vnemr.node.name} names this node in
 * {@code AuditEvent.source}; {@code vnemr.time-zone} (default Asia/Ho_Chi_Minh) is the zone of bare dates.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    @Bean(destroyMethod = "close")
    public AuditLogWriter auditTrail(DataSource dataSource, Environment env) {
        return new AuditLogWriter(dataSource, env.getProperty("vnemr.node.name", "vnemr"),
                env.getProperty("vnemr.audit.queue-capacity", Integer.class, 100_000));
    }

    @Bean
    public AuditChainVerifier auditChainVerifier(DataSource dataSource) {
        return new AuditChainVerifier(dataSource);
    }

    @Bean
    public AuditSearch auditSearch(JdbcTemplate jdbc) {
        return new AuditSearch(jdbc);
    }

    @Bean
    public FhirRestExtension auditFhirExtension(AuditSearch search, Environment env) {
        ZoneId zone = ZoneId.of(env.getProperty("vnemr.time-zone", "Asia/Ho_Chi_Minh"));
        boolean enabled = env.getProperty("vnemr.audit.fhir.enabled", Boolean.class, true);
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(new AccessLogProvider(search));
            }

            @Override
            public List<Object> interceptors() {
                return enabled ? List.of(new FhirAuditInterceptor(), new AuditEventEndpoint(search, zone))
                        : List.of(new AuditEventEndpoint(search, zone));
            }
        };
    }

    /** Outermost on /fhir (before the request size limit at −100), so refused requests are audited too. */
    @Bean
    public FilterRegistrationBean<FhirAuditFilter> fhirAuditFilter(AuditLogWriter trail, Environment env) {
        FilterRegistrationBean<FhirAuditFilter> registration = new FilterRegistrationBean<>(
                new FhirAuditFilter(trail, env.getProperty("vnemr.audit.wait-for-durability", Boolean.class, false)));
        registration.addUrlPatterns("/fhir/*", "/bulk/*");
        registration.setOrder(-200);
        registration.setEnabled(env.getProperty("vnemr.audit.fhir.enabled", Boolean.class, true));
        return registration;
    }
}
