package org.vnemr.platform.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Đăng nhập OIDC (authorization code + PKCE S256) phía máy chủ: discovery (cached), the authorization request, the
 * code exchange at the token endpoint (client_secret_basic) and the id_token check (signature against the provider's
 * JWKS, RS256/ES256 only, iss, aud, exp, nonce). Pure Java so it can be tested without Spring; the screens keep the
 * per-login secrets (state, nonce, PKCE verifier) in the session.
 */
public final class OidcClient {

    /** Provider unreachable or its discovery document / JWKS unusable. */
    public static final String PROVIDER_UNAVAILABLE = "VNEMR-5244";
    /** The callback does not belong to a login started here (state missing, wrong or already used). */
    public static final String BAD_STATE = "VNEMR-5245";
    /** The provider answered with an error or refused the code. */
    public static final String REFUSED_BY_PROVIDER = "VNEMR-5246";
    /** The id_token failed a check (signature, issuer, audience, expiry, nonce). */
    public static final String BAD_ID_TOKEN = "VNEMR-5247";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long discovery and keys are reused before they are fetched again (keys also on an unknown key). */
    private static final Duration CACHE = Duration.ofMinutes(10);

    private final OidcSettings settings;
    private final HttpClient http;
    private volatile Provider provider;

    public OidcClient(OidcSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public OidcClient(OidcSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public OidcSettings settings() {
        return settings;
    }

    /** The secrets of one login in progress; kept in the session until the callback. */
    public record Pending(String state, String nonce, String codeVerifier, String redirectUri)
            implements java.io.Serializable {
    }

    /** A checked login: the claims of a valid id_token. */
    public record VerifiedLogin(String subject, String username, List<String> amr) {

        /** The provider says the person used more than one factor (RFC 8176 {@code mfa}, or {@code otp}). */
        public boolean multiFactor() {
            return amr.contains("mfa") || amr.contains("otp");
        }
    }

    /** Starts a login: new state, nonce and PKCE verifier, and the URL of the provider's authorization page. */
    public Pending newLogin(String redirectUri) {
        return new Pending(random(), random(), random(), redirectUri);
    }

    public URI authorizationUrl(Pending pending) throws OidcException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", pending.redirectUri());
        query.put("scope", "openid profile");
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", s256(pending.codeVerifier()));
        query.put("code_challenge_method", "S256");
        String endpoint = provider().authorizationEndpoint();
        // %20, not the form encoding's '+', for the space: some providers read the query strictly as RFC 3986
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query).replace("+", "%20"));
    }

    /** Exchanges the code and checks the id_token; the state must already have been compared by the caller. */
    public VerifiedLogin finish(Pending pending, String code) throws OidcException {
        if (code == null || code.isBlank()) {
            throw new OidcException(REFUSED_BY_PROVIDER, "no authorization code in the callback");
        }
        Provider p = provider();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", pending.redirectUri());
        body.put("code_verifier", pending.codeVerifier());
        String basic = Base64.getEncoder().encodeToString((enc(settings.clientId()) + ":"
                + enc(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(p.tokenEndpoint()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))));
        if (answer.statusCode() != 200) {
            throw new OidcException(REFUSED_BY_PROVIDER, "token endpoint answered " + answer.statusCode());
        }
        String idToken;
        try {
            idToken = JSONObjectUtils.getString(JSONObjectUtils.parse(answer.body()), "id_token");
        } catch (ParseException e) {
            throw new OidcException(REFUSED_BY_PROVIDER, "token response is not JSON", e);
        }
        if (idToken == null) {
            throw new OidcException(REFUSED_BY_PROVIDER, "token response without id_token");
        }
        JWTClaimsSet claims = verify(idToken, pending.nonce(), p, true);
        Object username = claims.getClaim(settings.usernameClaim());
        List<String> amr;
        try {
            List<String> list = claims.getStringListClaim("amr");
            amr = list == null ? List.of() : List.copyOf(list);
        } catch (ParseException e) {
            amr = List.of();
        }
        return new VerifiedLogin(claims.getSubject(), username instanceof String s ? s : null, amr);
    }

    private JWTClaimsSet verify(String idToken, String nonce, Provider p, boolean mayRefreshKeys)
            throws OidcException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(p.keys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.clientId(),
                new JWTClaimsSet.Builder().issuer(p.issuer()).claim("nonce", nonce).build(),
                Set.of("sub", "exp", "iat")));
        try {
            return processor.process(idToken, null);
        } catch (BadJOSEException e) {
            if (mayRefreshKeys && e.getMessage() != null && e.getMessage().contains("matching key")) {
                // the provider may have rotated its keys since we fetched them
                provider = p.withKeys(fetchKeys(p.jwksUri()));
                return verify(idToken, nonce, provider, false);
            }
            throw new OidcException(BAD_ID_TOKEN, "id_token refused: " + e.getMessage(), e);
        } catch (ParseException | JOSEException e) {
            throw new OidcException(BAD_ID_TOKEN, "id_token unreadable: " + e.getMessage(), e);
        }
    }

    private Provider provider() throws OidcException {
        Provider p = provider;
        if (p != null && p.fetched() + CACHE.toMillis() > System.currentTimeMillis()) {
            return p;
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                URI.create(settings.issuer() + "/.well-known/openid-configuration")).GET());
        if (answer.statusCode() != 200) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "discovery answered " + answer.statusCode());
        }
        try {
            Map<String, Object> doc = JSONObjectUtils.parse(answer.body());
            String issuer = JSONObjectUtils.getString(doc, "issuer");
            if (issuer == null || !stripSlash(issuer).equals(settings.issuer())) {
                throw new OidcException(PROVIDER_UNAVAILABLE, "discovery issuer " + issuer + " is not "
                        + settings.issuer());
            }
            String jwks = required(doc, "jwks_uri");
            p = new Provider(issuer, required(doc, "authorization_endpoint"), required(doc, "token_endpoint"), jwks,
                    fetchKeys(jwks), System.currentTimeMillis());
        } catch (ParseException e) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "discovery document is not JSON", e);
        }
        provider = p;
        return p;
    }

    private JWKSet fetchKeys(String jwksUri) throws OidcException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(jwksUri)).GET());
        if (answer.statusCode() != 200) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "JWKS answered " + answer.statusCode());
        }
        try {
            return JWKSet.parse(answer.body());
        } catch (ParseException e) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "JWKS unreadable", e);
        }
    }

    private static String required(Map<String, Object> doc, String name) throws ParseException, OidcException {
        String value = JSONObjectUtils.getString(doc, name);
        if (value == null || !(value.startsWith("https://") || value.startsWith("http://"))) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "discovery without a usable " + name);
        }
        return value;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws OidcException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OidcException(PROVIDER_UNAVAILABLE, "identity provider unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException(PROVIDER_UNAVAILABLE, "interrupted", e);
        }
    }

    private record Provider(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                            JWKSet keys, long fetched) {
        Provider withKeys(JWKSet newKeys) {
            return new Provider(issuer, authorizationEndpoint, tokenEndpoint, jwksUri, newKeys, fetched);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((k, v) -> joined.add(enc(k) + "=" + enc(v)));
        return joined.toString();
    }
}
