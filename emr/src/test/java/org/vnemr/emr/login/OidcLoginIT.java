package org.vnemr.emr.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.AccountService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Đăng nhập bằng tài khoản của bệnh viện, end to end over real HTTP against a small identity provider run in the
 * test (discovery, an authorization page that approves at once, a token endpoint signing id_tokens with a key made
 * here, JWKS): the right token opens the mapped account's session; a wrong state, a forged signature, another
 * audience, a replayed nonce, an unknown or disabled user and an administrator without a second factor are refused
 * on the login page, and nobody is logged in afterwards.
 */
class OidcLoginIT {

    static final String CLIENT_ID = "vnemr-test";
    static final String CLIENT_SECRET = "bi-mat-thu-nghiem";

    static FakeProvider idp;
    static EmrTestServer server;
    static String doctor;

    @BeforeAll
    static void start() throws Exception {
        idp = new FakeProvider();
        server = EmrTestServer.start("--vnemr.oidc.issuer=" + idp.issuer(), "--vnemr.oidc.client-id=" + CLIENT_ID,
                "--vnemr.oidc.client-secret=" + CLIENT_SECRET);
        doctor = server.user(Role.DOCTOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.stop();
    }

    @BeforeEach
    void honestProvider() {
        idp.mode = Mode.HONEST;
        idp.username = doctor;
        idp.amr = null;
    }

    @Test
    void theLoginPage_offersTheHospitalAccount() {
        UiClient.Response page = UiClient.anonymous(server.root()).get("/dang-nhap");
        assertThat(page.body()).contains("Đăng nhập bằng tài khoản của bệnh viện").contains("/dang-nhap/oidc");
    }

    @Test
    void aValidIdToken_landsOnTheHomePageAsTheMappedUser() {
        UiClient client = UiClient.anonymous(server.root());
        UiClient.Response start = client.get("/dang-nhap/oidc");
        assertThat(start.status()).isEqualTo(302);
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.getQuery()).contains("response_type=code").contains("code_challenge_method=S256")
                .contains("scope=openid profile").contains("nonce=").contains("state=");
        UiClient.Response back = client.get(callbackPath(idp.approve(authorize)));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.header("Location")).endsWith("/");
        UiClient.Response home = client.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Người dùng " + doctor);
        assertThat(idp.lastBasicAuth).isEqualTo(CLIENT_ID + ":" + CLIENT_SECRET);
        assertThat(idp.lastVerifierMatched).isTrue();
        assertThat(logins(doctor, "0")).isPositive();
    }

    @Test
    void aCallbackWithAnotherState_isRefused() {
        UiClient client = UiClient.anonymous(server.root());
        URI authorize = URI.create(client.get("/dang-nhap/oidc").header("Location"));
        String callback = idp.approve(authorize).replaceAll("state=[^&]+", "state=khac");
        assertRefused(client, client.get(callbackPath(callback)), "VNEMR-5245");
    }

    @Test
    void anIdTokenSignedByAnotherKey_isRefused() {
        idp.mode = Mode.OTHER_KEY;
        assertRefused("VNEMR-5247");
    }

    @Test
    void anIdTokenForAnotherAudience_isRefused() {
        idp.mode = Mode.OTHER_AUDIENCE;
        assertRefused("VNEMR-5247");
    }

    @Test
    void anIdTokenWithAnotherNonce_isRefused() {
        idp.mode = Mode.OTHER_NONCE;
        assertRefused("VNEMR-5247");
    }

    @Test
    void anExpiredIdToken_isRefused() {
        idp.mode = Mode.EXPIRED;
        assertRefused("VNEMR-5247");
    }

    @Test
    void anUnknownUser_isRefusedWithTheErrorOnTheLoginPage() {
        idp.username = "khong-co-ai";
        assertRefused("VNEMR-5248");
    }

    @Test
    void aDisabledAccount_isRefused() {
        String nurse = server.user(Role.NURSE, null);
        server.bean(AccountService.class).disable(nurse, "nghỉ việc", "admin");
        idp.username = nurse;
        assertRefused("VNEMR-5249");
        assertThat(logins(nurse, "4")).as("the refusal is audited").isEqualTo(1);
    }

    @Test
    void anAdministratorWithoutASecondFactor_isSentToPasswordAndTotp() {
        String admin = server.user(Role.ADMINISTRATOR, null);
        idp.username = admin;
        assertRefused("VNEMR-5250");
    }

    @Test
    void anAdministratorWhoseProviderAssertsMfa_isLoggedIn() {
        idp.username = server.user(Role.ADMINISTRATOR, null);
        idp.amr = List.of("pwd", "mfa");
        UiClient client = UiClient.anonymous(server.root());
        URI authorize = URI.create(client.get("/dang-nhap/oidc").header("Location"));
        assertThat(client.get(callbackPath(idp.approve(authorize))).header("Location")).endsWith("/");
        assertThat(client.get("/").status()).isEqualTo(200);
    }

    @Test
    void aCallbackReplayedAfterSuccess_doesNotLogInAgain() {
        UiClient first = UiClient.anonymous(server.root());
        URI authorize = URI.create(first.get("/dang-nhap/oidc").header("Location"));
        String callback = callbackPath(idp.approve(authorize));
        assertThat(first.get(callback).header("Location")).endsWith("/");
        UiClient thief = UiClient.anonymous(server.root());
        assertRefused(thief, thief.get(callback), "VNEMR-5245");
    }

    private void assertRefused(String code) {
        UiClient client = UiClient.anonymous(server.root());
        URI authorize = URI.create(client.get("/dang-nhap/oidc").header("Location"));
        assertRefused(client, client.get(callbackPath(idp.approve(authorize))), code);
    }

    private static void assertRefused(UiClient client, UiClient.Response answer, String code) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains(code).contains("id=\"login-error\"");
        assertThat(client.get("/").status()).as("nobody logged in after a refusal").isEqualTo(302);
    }

    /** Login audit events of {@code user} with {@code outcome} (written durably before the answer). */
    private static long logins(String user, String outcome) {
        return new org.springframework.jdbc.core.JdbcTemplate(server.bean(javax.sql.DataSource.class)).queryForObject(
                "select count(*) from audit_log where action = 'login' and user_name = ? and outcome = ?",
                Long.class, user, outcome);
    }

    private static String callbackPath(String callback) {
        URI uri = URI.create(callback);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    enum Mode { HONEST, OTHER_KEY, OTHER_AUDIENCE, OTHER_NONCE, EXPIRED }

    /** A minimal OIDC provider: enough of discovery, authorize, token and JWKS for the login flow. */
    static final class FakeProvider {
        final HttpServer http;
        final RSAKey key;
        final RSAKey otherKey;
        final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
        volatile Mode mode = Mode.HONEST;
        volatile String username;
        volatile List<String> amr;
        volatile String lastBasicAuth;
        volatile Boolean lastVerifierMatched;

        FakeProvider() throws IOException, JOSEException {
            key = new RSAKeyGenerator(2048).keyID("k1").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/.well-known/openid-configuration", ex -> json(ex, "{\"issuer\":\"" + issuer()
                    + "\",\"authorization_endpoint\":\"" + issuer() + "/authorize\",\"token_endpoint\":\"" + issuer()
                    + "/token\",\"jwks_uri\":\"" + issuer() + "/jwks\"}"));
            http.createContext("/jwks", ex -> json(ex, new JWKSet(key.toPublicJWK()).toString()));
            http.createContext("/token", this::token);
            http.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        /** The authorization page approving at once: the redirect back to vnemr with a fresh code. */
        String approve(URI authorize) {
            assertThat(authorize.toString()).startsWith(issuer() + "/authorize?");
            Map<String, String> query = parse(authorize.getRawQuery());
            assertThat(query.get("client_id")).isEqualTo(CLIENT_ID);
            String code = UUID.randomUUID().toString();
            codes.put(code, query);
            return query.get("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        }

        private void token(HttpExchange ex) throws IOException {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            lastBasicAuth = auth == null ? null : URLDecoder.decode(new String(Base64.getDecoder()
                    .decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Map<String, String> form = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> request = codes.remove(form.get("code"));
            if (request == null || !CLIENT_ID.equals(lastBasicAuth.split(":")[0])
                    || !form.get("redirect_uri").equals(request.get("redirect_uri"))) {
                send(ex, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            lastVerifierMatched = s256(form.get("code_verifier"))
                    .equals(request.get("code_challenge"));
            try {
                long now = System.currentTimeMillis();
                JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + username)
                        .audience(mode == Mode.OTHER_AUDIENCE ? "another-client" : CLIENT_ID)
                        .issueTime(new Date(now)).expirationTime(new Date(now + (mode == Mode.EXPIRED ? -600_000 : 300_000)))
                        .claim("nonce", mode == Mode.OTHER_NONCE ? "another-nonce" : request.get("nonce"))
                        .claim("preferred_username", username);
                if (amr != null) {
                    claims.claim("amr", amr);
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                        claims.build());
                jwt.sign(new RSASSASigner(mode == Mode.OTHER_KEY ? otherKey : key));
                send(ex, 200, "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"id_token\":\"" + jwt.serialize() + "\"}");
            } catch (JOSEException e) {
                send(ex, 500, "{}");
            }
        }

        private static String s256(String verifier) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                        .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            http.stop(0);
        }

        private static void json(HttpExchange ex, String body) throws IOException {
            send(ex, 200, body);
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }

        private static Map<String, String> parse(String query) {
            Map<String, String> map = new HashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return map;
        }
    }
}
