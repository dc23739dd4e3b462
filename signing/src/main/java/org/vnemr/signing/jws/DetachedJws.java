package org.vnemr.signing.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.signing.Signer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Detached JWS (RFC 7515 Appendix F) in compact form {@code header..signature}: RS256 (RSA PKCS#1 v1.5 with
 * SHA-256, what Vietnamese CAs issue), the signer's chain in {@code x5c}, and the signing time in {@code sigT}
 * (the JAdES header parameter, marked critical so a verifier that ignores it refuses). The payload — the
 * {@link CanonicalJson} bytes of what was signed — travels beside it (the Provenance target), not inside.
 * This is the {@code Provenance.signature.data} format with {@code sigFormat application/jose}.
 */
public final class DetachedJws {

    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64U_DECODER = Base64.getUrlDecoder();

    private DetachedJws() {
    }

    /** What the check of a detached JWS found. */
    public record Verification(boolean valid, List<X509Certificate> chain, Instant signingTime, String problem) {

        public X509Certificate certificate() {
            return chain.isEmpty() ? null : chain.get(0);
        }
    }

    public static String sign(byte[] payload, Signer signer, Instant signingTime) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("alg", "RS256");
        header.putArray("crit").add("sigT");
        header.put("sigT", signingTime.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode x5c = header.putArray("x5c");
        try {
            for (X509Certificate certificate : signer.certificateChain()) {
                x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String encodedHeader = B64U.encodeToString(FhirJson.write(header).getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign(signingInput(encodedHeader, payload));
        return encodedHeader + ".." + B64U.encodeToString(signature);
    }

    /** Checks {@code jws} over {@code payload} with the key of the first {@code x5c} certificate. */
    public static Verification verify(String jws, byte[] payload) {
        String[] parts = jws == null ? new String[0] : jws.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            return new Verification(false, List.of(), null, "not a detached compact JWS (header..signature)");
        }
        try {
            JsonNode header = FhirJson.MAPPER.readTree(B64U_DECODER.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return new Verification(false, List.of(), null, "alg " + header.path("alg").asText() + " not RS256");
            }
            for (JsonNode crit : header.path("crit")) {
                if (!"sigT".equals(crit.asText())) {
                    return new Verification(false, List.of(), null, "unknown critical header " + crit.asText());
                }
            }
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode cert : header.path("x5c")) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(cert.asText()))));
            }
            if (chain.isEmpty()) {
                return new Verification(false, chain, null, "no x5c certificate");
            }
            Instant signingTime = header.hasNonNull("sigT") ? Instant.parse(header.get("sigT").asText()) : null;
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(chain.get(0).getPublicKey());
            rsa.update(signingInput(parts[0], payload));
            boolean valid = rsa.verify(B64U_DECODER.decode(parts[2]));
            return new Verification(valid, chain, signingTime, valid ? null : "signature does not match the content");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | DateTimeParseException e) {
            return new Verification(false, List.of(), null, "unreadable JWS: " + e.getMessage());
        }
    }

    private static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + B64U.encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
    }
}
