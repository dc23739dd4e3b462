package org.vnemr.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditLogWriter;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.audit.web.AccessLogProvider;
import org.vnemr.platform.audit.web.AuditEventEndpoint;
import org.vnemr.platform.audit.web.FhirAuditFilter;
import org.vnemr.platform.audit.web.FhirAuditInterceptor;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.ApplicationRunner;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.platform.privacy.PersonalDataExport;
import org.vnemr.platform.privacy.PersonalDataExportProvider;
import org.vnemr.platform.abuse.AccountRateLimitFilter;
import org.vnemr.platform.abuse.AddressRateLimitFilter;
import org.vnemr.platform.abuse.RateLimits;
import org.vnemr.platform.abuse.SearchCostFilter;
import org.vnemr.platform.abuse.SecurityHeadersFilter;
import org.vnemr.platform.abuse.XmlDoctypeFilter;
import org.vnemr.platform.access.AccessDecision;
import org.vnemr.platform.access.BreakGlassGrants;
import org.vnemr.platform.access.FhirAuthorisationInterceptor;
import org.vnemr.platform.access.PatientScope;
import org.vnemr.platform.account.AccountService;
import org.vnemr.platform.account.AccountStore;
import org.vnemr.platform.account.SecretBox;
import org.vnemr.platform.auth.BackendClientStore;
import org.vnemr.platform.backup.BackupService;
import org.vnemr.platform.backup.ScheduledBackups;
import org.vnemr.platform.auth.BearerTokenFilter;
import org.vnemr.platform.auth.ClientAssertionCheck;
import org.vnemr.platform.auth.TokenController;
import org.vnemr.platform.auth.TokenService;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxHandler;
import org.vnemr.platform.outbox.OutboxRelay;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The platform module's Spring configuration: the audit trail (writer, verifier, search), the FHIR audit
 * (filter + interceptor on {@code /fhir}, {@code AuditEvent} search and {@code Patient/$access-log}); accounts,
 * the token endpoint ({@code /auth/token}, {@code /auth/jwks}) and, unless {@code vnemr.security.enabled=false}, the
 * Bearer-token guard on {@code /fhir/**}. Secrets live under {@code $VNEMR_HOME/secrets} (mode 600) unless given
 * by {@code VNEMR_SECRET_KEY} / {@code vnemr.auth.token-key-file}.
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
    public PersonalDataExport personalDataExport(JdbcTemplate jdbc, SearchParamCatalog catalog, AuditSearch search) {
        return new PersonalDataExport(jdbc, catalog, search);
    }

    @Bean
    public FhirRestExtension auditFhirExtension(AuditSearch search, PersonalDataExport export, Environment env) {
        ZoneId zone = zone(env);
        boolean enabled = env.getProperty("vnemr.audit.fhir.enabled", Boolean.class, true);
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(new AccessLogProvider(search), new PersonalDataExportProvider(export));
            }

            @Override
            public List<Object> interceptors() {
                return enabled ? List.of(new FhirAuditInterceptor(), new AuditEventEndpoint(search, zone))
                        : List.of(new AuditEventEndpoint(search, zone));
            }
        };
    }

    @Bean
    public BackupService backupService(DataSource dataSource, Environment env) {
        return new BackupService(dataSource, env.getProperty("vnemr.node.name", "vnemr"), Clock.systemUTC());
    }

    /** Backups on a schedule, only when {@code vnemr.backup.schedule} is set (then a key file is required). */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("vnemr.backup.schedule")
    public ScheduledBackups scheduledBackups(BackupService backups, Environment env) {
        String keyFile = env.getProperty("vnemr.backup.key-file");
        if (keyFile == null) {
            throw new IllegalStateException("vnemr.backup.schedule needs vnemr.backup.key-file (the operator's backup key)");
        }
        String directory = env.getProperty("vnemr.backup.directory");
        return new ScheduledBackups(backups, env.getProperty("vnemr.backup.schedule"), zone(env),
                directory != null ? Path.of(directory) : home(env).resolve("backups"), Path.of(keyFile),
                env.getProperty("vnemr.backup.keep", Integer.class, 14));
    }

    @Bean
    public SecretBox secretBox(Environment env) {
        return SecretBox.fromEnvironmentOrFile(env.getProperty("VNEMR_SECRET_KEY", env.getProperty("vnemr.secret-key")),
                home(env).resolve("secrets").resolve("node.key"));
    }

    @Bean
    public AccountStore accountStore(JdbcTemplate jdbc) {
        return new AccountStore(jdbc);
    }

    @Bean
    public AccountService accountService(AccountStore store, SecretBox secrets, AuditLogWriter audit) {
        return new AccountService(store, secrets, audit, Clock.systemUTC());
    }

    @Bean
    public BackendClientStore backendClientStore(JdbcTemplate jdbc) {
        return new BackendClientStore(jdbc);
    }

    @Bean
    public TokenService tokenService(Environment env) {
        String file = env.getProperty("vnemr.auth.token-key-file");
        return new TokenService(TokenService.keyFromFile(file != null ? Path.of(file)
                : home(env).resolve("secrets").resolve("token-key.jwk")),
                env.getProperty("vnemr.auth.issuer", "vnemr"), Clock.systemUTC());
    }

    @Bean
    public TokenController tokenController(BackendClientStore clients, TokenService tokens, AuditLogWriter audit,
                                           Environment env) {
        return new TokenController(new ClientAssertionCheck(clients, Clock.systemUTC()), tokens, audit,
                env.getProperty("vnemr.auth.token-url"));
    }

    /**
     * {@code /fhir/**} behind Bearer tokens: on unless {@code vnemr.security.enabled=false} (secure by default; only
     * tests and throwaway benchmark nodes turn it off).
     */
    @Bean
    public FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(TokenService tokens, FhirContext fhirContext,
                                                                      Environment env) {
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(tokens, fhirContext));
        registration.addUrlPatterns("/fhir/*", "/bulk/*");
        registration.setOrder(-150);
        registration.setEnabled(securityEnabled(env));
        return registration;
    }

    @Bean
    public BreakGlassGrants breakGlassGrants(JdbcTemplate jdbc, AuditLogWriter audit) {
        return new BreakGlassGrants(jdbc, audit);
    }

    @Bean
    public AccessDecision accessDecision(BreakGlassGrants grants, Environment env) {
        return new AccessDecision(Clock.systemUTC(), zone(env), grants);
    }

    /** With the Bearer guard on, every FHIR interaction goes through the decision point. */
    @Bean
    public FhirRestExtension authorisationFhirExtension(AccessDecision decision, SearchService search,
                                                        ReadService reads, Environment env) {
        boolean enabled = securityEnabled(env);
        return new FhirRestExtension() {
            @Override
            public List<Object> interceptors() {
                return enabled ? List.of(new FhirAuthorisationInterceptor(decision, new PatientScope(search), reads))
                        : List.of();
            }
        };
    }

    /**
     * First start: one administrator with a one-time password, shown once on the console. The screens always need a
     * login, so this runs whatever {@code vnemr.security.enabled} says about the FHIR API.
     */
    @Bean
    public ApplicationRunner firstAdministrator(AccountService accounts, Environment env) {
        return args -> {
            if (env.getProperty("vnemr.accounts.first-administrator", Boolean.class, true)) {
                accounts.createFirstAdministrator().ifPresent(password -> System.out.println("""

                        ==================================================================
                         Tài khoản quản trị đầu tiên / first administrator account
                           user: admin    one-time password: %s
                         Đổi mật khẩu và đăng ký TOTP khi đăng nhập lần đầu.
                         Change it and enrol TOTP at first login. Shown only once.
                        ==================================================================
                        """.formatted(password)));
            }
        };
    }

    @Bean
    public Outbox outbox(JdbcTemplate jdbc) {
        return new Outbox(jdbc, Clock.systemUTC());
    }

    /**
     * Delivers the outbox to every {@link OutboxHandler} bean (national-system clients, the hub link). Polls every
     * {@code vnemr.outbox.poll-interval} (default 2 s); {@code vnemr.outbox.relay=false} turns delivery off (tests
     * that drive {@link OutboxRelay#runOnce} themselves, maintenance).
     */
    @Bean(destroyMethod = "close")
    public OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions,
                                   List<OutboxHandler> handlers, Environment env) {
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, handlers, Clock.systemUTC(),
                env.getProperty("vnemr.outbox.max-attempts", Integer.class, 20));
        if (env.getProperty("vnemr.outbox.relay", Boolean.class, true)) {
            relay.start(env.getProperty("vnemr.outbox.poll-interval", Duration.class, Duration.ofSeconds(2)));
        }
        return relay;
    }

    static ZoneId zone(Environment env) {
        return ZoneId.of(env.getProperty("vnemr.time-zone", "Asia/Ho_Chi_Minh"));
    }

    static boolean securityEnabled(Environment env) {
        return env.getProperty("vnemr.security.enabled", Boolean.class, true);
    }

    static Path home(Environment env) {
        return Path.of(env.getProperty("vnemr.home", env.getProperty("VNEMR_HOME", "data")));
    }

    @Bean
    public RateLimits rateLimits(Environment env) {
        return RateLimits.from(env);
    }

    /** Outermost of all: security headers on every answer, even a 429. */
    @Bean
    public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(-400);
        return registration;
    }

    /** Per-address limits before any work (even the audit) is done for the request. */
    @Bean
    public FilterRegistrationBean<AddressRateLimitFilter> addressRateLimitFilter(RateLimits limits, FhirContext fhir) {
        FilterRegistrationBean<AddressRateLimitFilter> registration =
                new FilterRegistrationBean<>(new AddressRateLimitFilter(limits, fhir));
        registration.addUrlPatterns("/*");
        registration.setOrder(-300);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    /** Per-account limit on the API: right after the Bearer guard (−150) has named the caller. */
    @Bean
    public FilterRegistrationBean<AccountRateLimitFilter> accountRateLimitFilter(RateLimits limits, FhirContext fhir) {
        FilterRegistrationBean<AccountRateLimitFilter> registration =
                new FilterRegistrationBean<>(new AccountRateLimitFilter(limits, fhir));
        registration.addUrlPatterns("/fhir/*", "/bulk/*");
        registration.setOrder(-140);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    /** Search cost bounds on /fhir, inside the audit filter so refused searches are audited. */
    @Bean
    public FilterRegistrationBean<SearchCostFilter> searchCostFilter(FhirContext fhir) {
        FilterRegistrationBean<SearchCostFilter> registration = new FilterRegistrationBean<>(new SearchCostFilter(fhir));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(-130);
        return registration;
    }

    /** XML bodies on /fhir with a DTD refused, inside the size limit (−100) so the body read is bounded. */
    @Bean
    public FilterRegistrationBean<XmlDoctypeFilter> xmlDoctypeFilter(FhirContext fhir) {
        FilterRegistrationBean<XmlDoctypeFilter> registration = new FilterRegistrationBean<>(new XmlDoctypeFilter(fhir));
        registration.addUrlPatterns("/fhir/*", "/fhir");
        registration.setOrder(-95);
        return registration;
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
