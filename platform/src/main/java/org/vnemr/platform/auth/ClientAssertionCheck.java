package org.vnemr.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SMART Backend Services (HL7 SMART App Launch 2.x, "client-confidential-asymmetric"): a registered system proves
 * who it is with a JWT it signed with its private key (RS384 or ES384) — {@code iss} = {@code sub} = its client
 * id, {@code aud} = our token URL, {@code exp} at most 5 minutes ahead, a {@code jti} never used before — and the
 * node checks it against the public keys (JWKS) registered for that client. Outcome: the token claims to issue, or
 * the OAuth error with our code.
 */
public final class ClientAssertionCheck {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

    /** Either claims (success) or an OAuth error ({@code invalid_client}, {@code invalid_scope} …) and our code. */
    public record Outcome(TokenClaims claims, String oauthError, String errorCode) {
        static Outcome error(String oauthError, String code) {
            return new Outcome(null, oauthError, code);
        }
    }

    private final BackendClientStore clients;
    private final Clock clock;

    public ClientAssertionCheck(BackendClientStore clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param tokenUrls the URLs under which this token endpoint is reachable (any one may be the audience)
     */
    public Outcome check(String assertionType, String assertion, String requestedScope, List<String> tokenUrls) {
        if (!ASSERTION_TYPE.equals(assertionType) || assertion == null) {
            return Outcome.error("invalid_request", "VNEMR-5040");
        }
        SignedJWT jwt;
        JWTClaimsSet set;
        try {
            jwt = SignedJWT.parse(assertion);
            set = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Outcome.error("invalid_request", "VNEMR-5040");
        }
        if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
            return Outcome.error("invalid_client", "VNEMR-5041");
        }
        String clientId = set.getIssuer();
        if (clientId == null || !clientId.equals(set.getSubject())) {
            return Outcome.error("invalid_client", "VNEMR-5042");
        }
        var client = clients.find(clientId).orElse(null);
        if (client == null || client.disabled()) {
            return Outcome.error("invalid_client", "VNEMR-5042");
        }
        if (!verifySignature(jwt, client.jwks())) {
            return Outcome.error("invalid_client", "VNEMR-5043");
        }
        Instant now = clock.instant();
        if (set.getAudience() == null || set.getAudience().stream().noneMatch(tokenUrls::contains)) {
            return Outcome.error("invalid_client", "VNEMR-5044");
        }
        if (set.getExpirationTime() == null) {
            return Outcome.error("invalid_client", "VNEMR-5045");
        }
        Instant exp = set.getExpirationTime().toInstant();
        if (!exp.plus(SKEW).isAfter(now) || exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            return Outcome.error("invalid_client", "VNEMR-5045");
        }
        if (set.getJWTID() == null || set.getJWTID().isBlank()
                || !clients.firstUse(clientId, set.getJWTID(), exp.plus(SKEW), now)) {
            return Outcome.error("invalid_client", "VNEMR-5046");
        }
        String scope = grantedScope(requestedScope, client.scope());
        if (scope.isEmpty()) {
            return Outcome.error("invalid_scope", "VNEMR-5047");
        }
        return new Outcome(new TokenClaims(clientId, true, client.roles(), List.of(), null, scope, null, null), null,
                null);
    }

    /** Only the requested scopes the client is registered for ({@code system/*.read} covers any system read). */
    static String grantedScope(String requested, String allowed) {
        Set<String> allowedSet = new LinkedHashSet<>(Arrays.asList(allowed.trim().split("\\s+")));
        if (requested == null || requested.isBlank()) {
            return String.join(" ", allowedSet);
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : requested.trim().split("\\s+")) {
            if (allowedSet.contains(scope) || covered(scope, allowedSet)) {
                granted.add(scope);
            }
        }
        return String.join(" ", granted);
    }

    private static boolean covered(String scope, Set<String> allowed) {
        int slash = scope.indexOf('/');
        int dot = scope.lastIndexOf('.');
        if (slash < 0 || dot < slash) {
            return false;
        }
        String context = scope.substring(0, slash);
        String access = scope.substring(dot + 1);
        return allowed.contains(context + "/*." + access) || allowed.contains(context + "/*.*")
                || access.equals("read") && allowed.contains(context + "/*.rs")
                || allowed.contains(context + "/*.cruds");
    }

    private static boolean verifySignature(SignedJWT jwt, String jwksText) {
        try {
            JWKSet set = JWKSet.parse(jwksText);
            String kid = jwt.getHeader().getKeyID();
            for (JWK key : set.getKeys()) {
                if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                    continue;
                }
                JWSVerifier verifier = key instanceof RSAKey rsa && JWSAlgorithm.RS384.equals(jwt.getHeader().getAlgorithm())
                        ? new RSASSAVerifier(rsa)
                        : key instanceof ECKey ec && JWSAlgorithm.ES384.equals(jwt.getHeader().getAlgorithm())
                        ? new ECDSAVerifier(ec) : null;
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            }
            return false;
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }
}
