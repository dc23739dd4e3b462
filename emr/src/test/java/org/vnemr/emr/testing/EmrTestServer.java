package org.vnemr.emr.testing;

import org.vnemr.emr.EmrConfiguration;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.AccountService;
import org.vnemr.signing.document.SignedDocumentConfiguration;
import org.vnemr.signing.keys.SigningKeysConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The facility screens over a fresh embedded PostgreSQL, for HTTP and browser tests: the FHIR store, platform
 * (accounts, audit), signing and the emr screens, plus whatever configurations a test adds. Accounts made with
 * {@link #user} share {@link #PASSWORD} and log in from localhost (inside the facility network: no TOTP).
 */
public final class EmrTestServer implements AutoCloseable {

    /** Password of every test account (meets the 14-character rule). */
    public static final String PASSWORD = "Mat-khau-thu-nghiem-2026";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final FhirTestServer server;

    private EmrTestServer(FhirTestServer server) {
        this.server = server;
    }

    /** Starts the screens with the given extra configurations and {@code --name=value} properties. */
    public static EmrTestServer start(List<Class<?>> extraConfigurations, String... properties) {
        List<Class<?>> configurations = new ArrayList<>(List.of(PlatformConfiguration.class,
                SigningKeysConfiguration.class, SignedDocumentConfiguration.class, EmrConfiguration.class));
        configurations.addAll(extraConfigurations);
        List<String> args = new ArrayList<>(List.of("--vnemr.reference-data.load=false",
                "--vnemr.signing.revocation=offline", "--vnemr.home=target/emr-test-home"));
        args.addAll(List.of(properties));
        return new EmrTestServer(FhirTestServer.startWith(configurations, args.toArray(String[]::new)));
    }

    public static EmrTestServer start(String... properties) {
        return start(List.of(), properties);
    }

    /** {@code http://localhost:<port>} — the screens' root. */
    public String root() {
        return server.base().replaceAll("/fhir$", "");
    }

    public FhirTestServer fhir() {
        return server;
    }

    public <T> T bean(Class<T> type) {
        return server.bean(type);
    }

    /** A bean by name, when several share a type (e.g. Spring MVC's handler mappings). */
    public <T> T bean(String name, Class<T> type) {
        return server.bean(name, type);
    }

    /** The screens' routes as Spring MVC registered them. */
    public org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes() {
        return bean("requestMappingHandlerMapping",
                org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
    }

    public ClinicalStore store() {
        return server.bean(ClinicalStore.class);
    }

    /**
     * Creates an account with one role (and optionally a Practitioner id and departments); returns its user name.
     */
    public String user(Role role, String practitionerId, String... departments) {
        String username = role.code().replace("-", "") + SEQUENCE.incrementAndGet();
        server.bean(AccountService.class).create(username, practitionerId, "Người dùng " + username,
                List.of(role.code()), List.of(departments), PASSWORD, false).ifPresent(code -> {
                    throw new IllegalStateException("test account refused: " + code);
                });
        return username;
    }

    /**
     * An administrator with TOTP enrolled (administrators always need the second factor), logged in over HTTP.
     */
    public UiClient loginAdministrator() {
        return loginWithTotp(user(Role.ADMINISTRATOR, null));
    }

    /**
     * An HTTP client logged in as {@code username} after enrolling it in TOTP — the way administrators (who must use
     * a second factor) log in.
     */
    public UiClient loginWithTotp(String username) {
        byte[] secret = org.vnemr.platform.account.Totp.newSecret();
        AccountService accounts = server.bean(AccountService.class);
        java.time.Instant now = java.time.Instant.now();
        String code = org.vnemr.platform.account.Totp.code(secret, now,
                org.vnemr.platform.account.Totp.Algorithm.SHA1, 6);
        if (!accounts.confirmTotp(username, secret, code)) {
            throw new IllegalStateException("TOTP enrolment of " + username + " refused");
        }
        return UiClient.login(root(), username, PASSWORD, code);
    }

    /** An HTTP client logged in as {@code username}. */
    public UiClient login(String username) {
        return UiClient.login(root(), username, PASSWORD);
    }

    @Override
    public void close() {
        server.close();
    }
}
