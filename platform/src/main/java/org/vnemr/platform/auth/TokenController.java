package org.vnemr.platform.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditOutcome;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint for scripts and other systems: {@code POST /auth/token} with
 * {@code grant_type=client_credentials}, {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer},
 * {@code client_assertion=<JWT signed by the client>} and optionally {@code scope} (SMART Backend Services).
 * Answers {@code {"access_token", "token_type":"bearer", "expires_in", "scope"}} or an OAuth error whose
 * description carries our code. {@code GET /auth/jwks} publishes the key that signs the tokens.
 *
 * <p>There is deliberately no password grant: OAuth 2.0 Security Best Current Practice (RFC 9700) forbids the
 * resource-owner password grant, and a script holding a person's password and TOTP seed would defeat both. A
 * script gets its own registered client and key instead.
 */
@RestController
public class TokenController {

    private final ClientAssertionCheck assertions;
    private final TokenService tokens;
    private final AuditTrail audit;
    private final String configuredTokenUrl;

    public TokenController(ClientAssertionCheck assertions, TokenService tokens, AuditTrail audit,
                           String configuredTokenUrl) {
        this.assertions = assertions;
        this.tokens = tokens;
        this.audit = audit;
        this.configuredTokenUrl = configuredTokenUrl;
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_assertion_type", required = false) String assertionType,
            @RequestParam(name = "client_assertion", required = false) String assertion,
            @RequestParam(name = "scope", required = false) String scope, HttpServletRequest request) {
        if (!"client_credentials".equals(grantType)) {
            return error(400, "unsupported_grant_type", "VNEMR-5048", null, request);
        }
        List<String> urls = new ArrayList<>();
        urls.add(request.getRequestURL().toString());
        if (configuredTokenUrl != null && !configuredTokenUrl.isBlank()) {
            urls.add(configuredTokenUrl);
        }
        ClientAssertionCheck.Outcome outcome = assertions.check(assertionType, assertion, scope, urls);
        if (outcome.claims() == null) {
            int status = "invalid_client".equals(outcome.oauthError()) ? 401 : 400;
            return error(status, outcome.oauthError(), outcome.errorCode(), null, request);
        }
        Duration lifetime = TokenService.DEFAULT_LIFETIME;
        String token = tokens.issue(outcome.claims(), lifetime);
        audit.recordDurably(AuditRecord.of(outcome.claims().subject(), AuditAction.LOGIN)
                .withRole(String.join(",", outcome.claims().roles())).withWhat("token client_credentials")
                .withClientAddress(request.getRemoteAddr()), Duration.ofSeconds(10));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("scope", outcome.claims().scope());
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    @GetMapping(path = "/auth/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> jwks() {
        return tokens.publicKeys().toJSONObject(true);
    }

    private ResponseEntity<Map<String, Object>> error(int status, String oauthError, String code, String client,
                                                      HttpServletRequest request) {
        audit.recordDurably(AuditRecord.of(client, AuditAction.LOGIN).withWhat("token client_credentials")
                .withOutcome(AuditOutcome.MINOR_FAILURE, code).withClientAddress(request.getRemoteAddr()),
                Duration.ofSeconds(10));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", oauthError);
        body.put("error_description", code + ": " + Messages.vi(code) + " / " + Messages.en(code));
        return ResponseEntity.status(status).header("Cache-Control", "no-store").body(body);
    }
}
