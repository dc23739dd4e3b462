package org.vnemr.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditSearch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART Backend Services end to end: a registered system signs a client assertion, gets a short-lived token at
 * /auth/token and reads FHIR with it; everything a forger or replayer would try is refused.
 */
class TokenEndpointIT {

    private static FhirTestServer server;
    private static String tokenUrl;
    private static RSAKey rsaClientKey;
    private static ECKey ecClientKey;

    @BeforeAll
    static void start() throws JOSEException {
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class), "--vnemr.security.enabled=true",
                "--vnemr.home=target/test-home-token");
        tokenUrl = server.base().replace("/fhir", "/auth/token");
        rsaClientKey = new RSAKeyGenerator(2048).keyID("lis-2026").generate();
        ecClientKey = new ECKeyGenerator(Curve.P_384).keyID("hub-1").generate();
        BackendClientStore clients = server.bean(BackendClientStore.class);
        clients.register("lis", "Máy xét nghiệm (LIS)", new JWKSet(rsaClientKey.toPublicJWK()).toString(),
                List.of("lab-technician"), "system/*.read");
        clients.register("hub", "Sở Y tế — hub", new JWKSet(ecClientKey.toPublicJWK()).toString(),
                List.of("administrator"), "system/*.cruds");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String assertion(String client, JWSAlgorithm alg, JWSSigner signer, String kid, String aud,
                                     Duration expiresIn, String jti) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client).subject(client).audience(aud)
                .expirationTime(Date.from(Instant.now().plus(expiresIn))).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String lisAssertion() throws JOSEException {
        return assertion("lis", JWSAlgorithm.RS384, new RSASSASigner(rsaClientKey), "lis-2026", tokenUrl,
                Duration.ofMinutes(4), UUID.randomUUID().toString());
    }

    private static FhirTestServer.Response requestToken(String assertion, String scope) {
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ClientAssertionCheck.ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion + (scope == null ? "" : "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return server.send("POST", tokenUrl, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static String accessToken(FhirTestServer.Response response) {
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void fhir_withoutAToken_isRefused_butTheCapabilityStatementIsPublic() {
        FhirTestServer.Response refused = server.get("Patient");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("VNEMR-5050");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(server.get("metadata").status()).isEqualTo(200);
        assertThat(server.send("GET", "Patient", null, Map.of("Authorization", "Bearer not.a.token")).status())
                .isEqualTo(401);
    }

    @Test
    void registeredClient_getsAShortLivedToken_andReadsFhirAsItself() throws Exception {
        FhirTestServer.Response response = requestToken(lisAssertion(), "system/Patient.read");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"token_type\":\"bearer\"", "\"expires_in\":300",
                "\"scope\":\"system/Patient.read\"");
        String token = accessToken(response);
        FhirTestServer.Response read = server.send("GET", "Patient?_count=1", null,
                Map.of("Authorization", "Bearer " + token));
        assertThat(read.status()).isEqualTo(200);
        AuditSearch audit = server.bean(AuditSearch.class);
        long deadline = System.currentTimeMillis() + 5_000;
        AuditQuery searches = new AuditQuery(null, "lis", "search-type", null, null, null, 10);
        while (audit.find(searches).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(audit.find(searches)).singleElement().satisfies(e -> {
            assertThat(e.role()).isEqualTo("lab-technician");
            assertThat(e.event()).contains("Patient?_count=1");
        });
        assertThat(audit.find(new AuditQuery(null, "lis", "login", null, null, null, 10))).isNotEmpty();
        // the token is ours: ES384 signed with the node key, checked by the published JWKS
        assertThat(server.get(server.base().replace("/fhir", "/auth/jwks")).body()).contains("\"crv\":\"P-384\"")
                .doesNotContain("\"d\":");
        // a token with an edited payload fails its signature
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("lab-technician", "administrator").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(server.send("GET", "Patient", null, Map.of("Authorization", "Bearer " + forged)).status())
                .isEqualTo(401);
    }

    @Test
    void ecClient_withES384_isAccepted() throws Exception {
        String a = assertion("hub", JWSAlgorithm.ES384, new ECDSASigner(ecClientKey), "hub-1", tokenUrl,
                Duration.ofMinutes(5), UUID.randomUUID().toString());
        assertThat(requestToken(a, null).status()).isEqualTo(200);
    }

    @Test
    void replayedAssertion_isRefused() throws Exception {
        String a = lisAssertion();
        assertThat(requestToken(a, null).status()).isEqualTo(200);
        FhirTestServer.Response again = requestToken(a, null);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).contains("invalid_client", "VNEMR-5046");
    }

    @Test
    void badAssertions_areRefusedWithTheirReason() throws Exception {
        RSASSASigner rsa = new RSASSASigner(rsaClientKey);
        String jti = UUID.randomUUID().toString();
        assertThat(requestToken(assertion("lis", JWSAlgorithm.RS384, rsa, "lis-2026", "https://elsewhere/token",
                Duration.ofMinutes(4), jti), null).body()).contains("VNEMR-5044");
        assertThat(requestToken(assertion("lis", JWSAlgorithm.RS384, rsa, "lis-2026", tokenUrl,
                Duration.ofMinutes(30), UUID.randomUUID().toString()), null).body()).contains("VNEMR-5045");
        assertThat(requestToken(assertion("lis", JWSAlgorithm.RS384, rsa, "lis-2026", tokenUrl,
                Duration.ofMinutes(-5), UUID.randomUUID().toString()), null).body()).contains("VNEMR-5045");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("lis-2026").generate();
        assertThat(requestToken(assertion("lis", JWSAlgorithm.RS384, new RSASSASigner(stranger), "lis-2026",
                tokenUrl, Duration.ofMinutes(4), UUID.randomUUID().toString()), null).body()).contains("VNEMR-5043");
        assertThat(requestToken(assertion("lis", JWSAlgorithm.HS256, new MACSigner(new byte[32]), null, tokenUrl,
                Duration.ofMinutes(4), UUID.randomUUID().toString()), null).body()).contains("VNEMR-5041");
        assertThat(requestToken(assertion("ghost", JWSAlgorithm.RS384, rsa, "lis-2026", tokenUrl,
                Duration.ofMinutes(4), UUID.randomUUID().toString()), null).body()).contains("VNEMR-5042");
        assertThat(requestToken("rác", null).body()).contains("VNEMR-5040");
        assertThat(requestToken(lisAssertion(), "system/Patient.write").body()).contains("invalid_scope",
                "VNEMR-5047");
        FhirTestServer.Response password = server.send("POST", tokenUrl, "grant_type=password&username=a&password=b",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.body()).contains("unsupported_grant_type");
    }
}
