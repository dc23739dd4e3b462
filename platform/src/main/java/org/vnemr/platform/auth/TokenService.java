package org.vnemr.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks the node's access tokens: JWTs signed ES384 with the node's own P-384 key
 * ({@code $VNEMR_HOME/secrets/token-key.jwk}, created with mode 600 on first start; publish its public half at
 * {@code /auth/jwks}). Tokens are short-lived (5 minutes by default) and carry the subject, roles, departments,
 * practitioner and scope. Only ES384 tokens from this issuer and for this audience are accepted — never
 * {@code alg: none}, never a symmetric algorithm.
 */
public final class TokenService {

    public static final String AUDIENCE = "vnemr-fhir";
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final ECKey key;
    private final String issuer;
    private final Clock clock;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;

    public TokenService(ECKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("the token key is not a usable P-384 key", e);
        }
    }

    /** A new P-384 signing key. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in {@code file}, created there (mode 600) when missing. */
    public static ECKey keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, newKey().toJSONString());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return ECKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the token key file " + file + " is not a JWK", e);
        }
    }

    /** The public key set to publish. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issue(TokenClaims claims, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE).subject(claims.subject())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client", claims.client())
                .claim("roles", claims.roles())
                .claim("departments", claims.departments())
                .claim("practitioner", claims.practitioner())
                .claim("scope", claims.scope())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with the node's key failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a valid token of this node; empty when it is malformed, forged, expired or not ours. */
    public Optional<TokenClaims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES384.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!issuer.equals(set.getIssuer()) || set.getAudience() == null || !set.getAudience().contains(AUDIENCE)
                    || set.getExpirationTime() == null || !set.getExpirationTime().toInstant().isAfter(now)) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(set.getSubject(), Boolean.TRUE.equals(set.getBooleanClaim("client")),
                    strings(set, "roles"), strings(set, "departments"), set.getStringClaim("practitioner"),
                    set.getStringClaim("scope"), set.getExpirationTime().toInstant(), set.getJWTID()));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JWTClaimsSet set, String name) throws ParseException {
        List<String> values = set.getStringListClaim(name);
        return values == null ? List.of() : values;
    }
}
