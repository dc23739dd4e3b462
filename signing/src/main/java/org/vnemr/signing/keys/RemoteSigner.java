package org.vnemr.signing.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ký số từ xa (remote signing, NĐ 23/2025 Đ37 k4; TT 16/2019/TT-BTTTT): the CA keeps the user's key in its HSM;
 * vnemr sends only SHA-256 hashes with a description the user sees on the phone app, then waits until the user
 * approves, rejects, or the request times out. The protocol (JSON over HTTPS, bearer client credential) is
 * described in {@code docs/architecture/signing-keys.md}:
 * <ol>
 *   <li>{@code GET  {base}/users/{userId}/certificate} → {@code {"certificateChain": [base64 DER…]}}</li>
 *   <li>{@code POST {base}/sign-requests} {@code {"userId", "documents": [{"description", "hashAlgorithm":
 *       "SHA-256", "hash"}]}} → 202 {@code {"transactionId", "expiresAt"}}</li>
 *   <li>{@code GET  {base}/sign-requests/{transactionId}} → {@code {"status": "PENDING"|"APPROVED"|"REJECTED"|
 *       "EXPIRED", "signatures": [base64…]}}, polled until it is no longer PENDING</li>
 * </ol>
 * Each signature is RSASSA-PKCS1-v1_5 over the DigestInfo of the hash, i.e. exactly what {@code SHA256withRSA}
 * over the document bytes gives, so formats need not know the key is remote. Several documents go in one request,
 * so a doctor's end-of-shift batch needs one approval. Every returned signature is checked against the
 * certificate before it is used.
 */
public final class RemoteSigner implements Signer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteSettings settings;
    private final String userId;
    private final HttpClient http;
    private final List<X509Certificate> chain;

    /**
     * @param baseUrl        the service's base URL (no trailing slash needed)
     * @param clientToken    the facility's credential at the CA (from an environment variable or secret file)
     * @param pollInterval   how often to ask whether the user approved
     * @param timeout        how long to wait for the approval before giving up
     */
    public record RemoteSettings(URI baseUrl, String clientToken, Duration pollInterval, Duration timeout) {

        /** The client token and the hashes must not cross a network in clear text: https, or http on loopback. */
        public RemoteSettings {
            String scheme = String.valueOf(baseUrl.getScheme());
            String host = String.valueOf(baseUrl.getHost());
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new SigningException("VNEMR-4027", "remote signing URL must be https: " + baseUrl);
            }
        }

        URI resolve(String path) {
            String base = baseUrl.toString();
            return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        }
    }

    /** One document to sign: what the user reads in the approval app, and the bytes to sign. */
    public record Document(String description, byte[] data) {
    }

    private RemoteSigner(RemoteSettings settings, String userId, HttpClient http, List<X509Certificate> chain) {
        this.settings = settings;
        this.userId = userId;
        this.http = http;
        this.chain = chain;
    }

    /** Fetches the user's certificate chain from the service. */
    public static RemoteSigner connect(RemoteSettings settings, String userId) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode answer = call(settings, http, HttpRequest.newBuilder(
                settings.resolve("/users/" + encode(userId) + "/certificate")).GET(), userId);
        List<X509Certificate> chain = certificates(answer.path("certificateChain"));
        if (chain.isEmpty()) {
            throw new SigningException("VNEMR-4025", userId);
        }
        KeyStoreSigner.KeyRequirements.requireRsa2048(chain.get(0));
        return new RemoteSigner(settings, userId, http, chain);
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data) {
        return signAll(List.of(new Document("vnemr: tài liệu cần ký / document to sign", data))).get(0);
    }

    /** Signs every document with one approval by the user; signatures in the same order. */
    public List<byte[]> signAll(List<Document> documents) {
        ObjectNode body = JSON.createObjectNode().put("userId", userId);
        ArrayNode list = body.putArray("documents");
        for (Document document : documents) {
            list.addObject().put("description", document.description()).put("hashAlgorithm", "SHA-256")
                    .put("hash", Base64.getEncoder().encodeToString(sha256(document.data())));
        }
        JsonNode accepted = call(settings, http, HttpRequest.newBuilder(settings.resolve("/sign-requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), userId);
        String transaction = accepted.path("transactionId").asText("");
        if (transaction.isEmpty()) {
            throw new SigningException("VNEMR-4023", "no transactionId");
        }
        Instant deadline = Instant.now().plus(settings.timeout());
        while (true) {
            JsonNode state = call(settings, http, HttpRequest.newBuilder(
                    settings.resolve("/sign-requests/" + encode(transaction))).GET(), userId);
            String status = state.path("status").asText("");
            switch (status) {
                case "APPROVED" -> {
                    return checkedSignatures(transaction, documents, state.path("signatures"));
                }
                case "REJECTED" -> throw new SigningException("VNEMR-4021", transaction);
                case "EXPIRED" -> throw new SigningException("VNEMR-4022", transaction,
                        settings.timeout().toSeconds());
                case "PENDING" -> {
                    if (Instant.now().isAfter(deadline)) {
                        throw new SigningException("VNEMR-4022", transaction, settings.timeout().toSeconds());
                    }
                    sleep(settings.pollInterval());
                }
                default -> throw new SigningException("VNEMR-4023", "status \"" + status + "\"");
            }
        }
    }

    private List<byte[]> checkedSignatures(String transaction, List<Document> documents, JsonNode signatures) {
        if (!signatures.isArray() || signatures.size() != documents.size()) {
            throw new SigningException("VNEMR-4023", "expected " + documents.size() + " signatures");
        }
        List<byte[]> result = new ArrayList<>();
        try {
            for (int i = 0; i < documents.size(); i++) {
                byte[] value = Base64.getDecoder().decode(signatures.get(i).asText());
                Signature check = Signature.getInstance("SHA256withRSA");
                check.initVerify(chain.get(0).getPublicKey());
                check.update(documents.get(i).data());
                if (!check.verify(value)) {
                    throw new SigningException("VNEMR-4024", transaction);
                }
                result.add(value);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SigningException(e, "VNEMR-4024", transaction);
        }
        return result;
    }

    private static JsonNode call(RemoteSettings settings, HttpClient http, HttpRequest.Builder request, String userId) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + settings.clientToken())
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SigningException(e, "VNEMR-4020", settings.baseUrl().toString(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException(e, "VNEMR-4020", settings.baseUrl().toString(), "interrupted");
        }
        if (response.statusCode() == 404 && response.uri().getPath().contains("/users/")) {
            throw new SigningException("VNEMR-4025", userId);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SigningException("VNEMR-4023", "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SigningException(e, "VNEMR-4023", "not JSON: " + abbreviate(response.body()));
        }
    }

    private static List<X509Certificate> certificates(JsonNode array) {
        List<X509Certificate> result = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode item : array) {
                result.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(item.asText()))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SigningException(e, "VNEMR-4023", "bad certificateChain");
        }
        return result;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException(e, "VNEMR-4020", "-", "interrupted");
        }
    }
}
