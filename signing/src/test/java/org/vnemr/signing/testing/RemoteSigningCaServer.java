package org.vnemr.signing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.vnemr.signing.devca.IssuedCertificate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A remote-signing CA for tests, speaking the protocol {@link org.vnemr.signing.keys.RemoteSigner} uses: it holds
 * users' keys, opens a transaction per sign request and signs only after the test plays the user and calls
 * {@link #approve} (or {@link #reject}; or lets the transaction expire). {@link #autoApprove} approves every
 * request as it arrives, for tests about something else.
 */
public final class RemoteSigningCaServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String clientToken;
    private final Map<String, IssuedCertificate> users = new ConcurrentHashMap<>();
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private volatile Duration transactionLifetime = Duration.ofMinutes(5);
    private volatile boolean autoApprove;
    private volatile boolean tamperSignatures;

    /** A pending or finished request: what the user saw, and the answer. */
    public record Transaction(String id, String userId, List<String> descriptions, List<byte[]> hashes,
                              Instant expiresAt, String status, List<byte[]> signatures) {
        Transaction withStatus(String newStatus, List<byte[]> newSignatures) {
            return new Transaction(id, userId, descriptions, hashes, expiresAt, newStatus, newSignatures);
        }
    }

    private RemoteSigningCaServer(String clientToken) throws IOException {
        this.clientToken = clientToken;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    public static RemoteSigningCaServer start(String clientToken) {
        try {
            return new RemoteSigningCaServer(clientToken);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    public void addUser(String userId, IssuedCertificate keyAndCertificate) {
        users.put(userId, keyAndCertificate);
    }

    public void autoApprove(boolean on) {
        this.autoApprove = on;
    }

    /** Returns signatures made with a wrong hash, to prove the client checks them. */
    public void tamperSignatures(boolean on) {
        this.tamperSignatures = on;
    }

    public void transactionLifetime(Duration lifetime) {
        this.transactionLifetime = lifetime;
    }

    /** Forgets every transaction and setting (between tests). */
    public void reset() {
        transactions.clear();
        autoApprove = false;
        tamperSignatures = false;
        transactionLifetime = Duration.ofMinutes(5);
    }

    public List<Transaction> pending() {
        return transactions.values().stream().filter(t -> t.status().equals("PENDING")).toList();
    }

    /** The user approves on the phone. */
    public void approve(String transactionId) {
        transactions.computeIfPresent(transactionId, (id, t) -> t.withStatus("APPROVED", signAll(t)));
    }

    public void reject(String transactionId) {
        transactions.computeIfPresent(transactionId, (id, t) -> t.withStatus("REJECTED", List.of()));
    }

    private List<byte[]> signAll(Transaction transaction) {
        IssuedCertificate user = users.get(transaction.userId());
        List<byte[]> signatures = new ArrayList<>();
        try {
            for (byte[] hash : transaction.hashes()) {
                byte[] digest = tamperSignatures ? new byte[32] : hash;
                // what an HSM does for CKM_RSA_PKCS: sign the DER DigestInfo of the SHA-256 hash
                byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                        DERNull.INSTANCE), digest).getEncoded();
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(user.privateKey());
                rsa.update(digestInfo);
                signatures.add(rsa.sign());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return signatures;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + clientToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, JSON.createObjectNode().put("error", "unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/api".length());
            String[] parts = path.split("/");
            if (exchange.getRequestMethod().equals("GET") && parts.length == 4 && parts[1].equals("users")
                    && parts[3].equals("certificate")) {
                IssuedCertificate user = users.get(parts[2]);
                if (user == null) {
                    send(exchange, 404, JSON.createObjectNode().put("error", "unknown user"));
                    return;
                }
                ObjectNode body = JSON.createObjectNode();
                for (X509Certificate certificate : user.chain()) {
                    body.withArray("certificateChain").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
                }
                send(exchange, 200, body);
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/sign-requests")) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                String userId = request.path("userId").asText();
                if (!users.containsKey(userId)) {
                    send(exchange, 404, JSON.createObjectNode().put("error", "unknown user"));
                    return;
                }
                List<String> descriptions = new ArrayList<>();
                List<byte[]> hashes = new ArrayList<>();
                for (JsonNode document : request.path("documents")) {
                    if (!"SHA-256".equals(document.path("hashAlgorithm").asText())) {
                        send(exchange, 400, JSON.createObjectNode().put("error", "hashAlgorithm"));
                        return;
                    }
                    descriptions.add(document.path("description").asText());
                    hashes.add(Base64.getDecoder().decode(document.path("hash").asText()));
                }
                Transaction transaction = new Transaction(UUID.randomUUID().toString(), userId, descriptions, hashes,
                        Instant.now().plus(transactionLifetime), "PENDING", List.of());
                transactions.put(transaction.id(), transaction);
                if (autoApprove) {
                    approve(transaction.id());
                }
                send(exchange, 202, JSON.createObjectNode().put("transactionId", transaction.id())
                        .put("expiresAt", transaction.expiresAt().toString()));
            } else if (exchange.getRequestMethod().equals("GET") && parts.length == 3
                    && parts[1].equals("sign-requests")) {
                Transaction transaction = transactions.computeIfPresent(parts[2], (id, t) ->
                        t.status().equals("PENDING") && Instant.now().isAfter(t.expiresAt())
                                ? t.withStatus("EXPIRED", List.of()) : t);
                if (transaction == null) {
                    send(exchange, 404, JSON.createObjectNode().put("error", "unknown transaction"));
                    return;
                }
                ObjectNode body = JSON.createObjectNode().put("transactionId", transaction.id())
                        .put("status", transaction.status());
                for (byte[] signature : transaction.signatures()) {
                    body.withArray("signatures").add(Base64.getEncoder().encodeToString(signature));
                }
                send(exchange, 200, body);
            } else {
                send(exchange, 404, JSON.createObjectNode().put("error", "no such endpoint"));
            }
        } catch (Exception e) {
            send(exchange, 500, JSON.createObjectNode().put("error", e.toString()));
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
