package org.vnemr.signing.keys;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.testing.RemoteSigningCaServer;
import org.vnemr.signing.testing.TestPki;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RemoteSignerTest {

    private static TestPki pki;
    private static RemoteSigningCaServer ca;

    @BeforeAll
    static void startCa() {
        pki = TestPki.create();
        ca = RemoteSigningCaServer.start("facility-secret");
        ca.addUser("bs.an", pki.doctor());
    }

    @AfterAll
    static void stopCa() {
        ca.close();
        pki.close();
    }

    @BeforeEach
    void reset() {
        ca.reset();
    }

    private static RemoteSigner.RemoteSettings settings(Duration timeout) {
        return new RemoteSigner.RemoteSettings(ca.baseUrl(), "facility-secret", Duration.ofMillis(50), timeout);
    }

    @Test
    void sign_waitsForTheUserToApproveThenReturnsAValidSignature() throws Exception {
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofSeconds(20)), "bs.an");
        assertThat(signer.certificate()).isEqualTo(pki.doctor().certificate());
        byte[] data = "Phiếu khám bệnh".getBytes(StandardCharsets.UTF_8);

        CompletableFuture<byte[]> signing = CompletableFuture.supplyAsync(() -> signer.sign(data));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !ca.pending().isEmpty());
        assertThat(signing).isNotDone();
        var transaction = ca.pending().get(0);
        assertThat(transaction.userId()).isEqualTo("bs.an");
        ca.approve(transaction.id());
        byte[] signature = signing.get(10, TimeUnit.SECONDS);

        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(pki.doctor().certificate());
        check.update(data);
        assertThat(check.verify(signature)).isTrue();
    }

    @Test
    void signAll_needsOneApprovalForTheWholeBatch() throws Exception {
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofSeconds(20)), "bs.an");
        List<RemoteSigner.Document> batch = List.of(
                new RemoteSigner.Document("Tờ điều trị 1", "một".getBytes(StandardCharsets.UTF_8)),
                new RemoteSigner.Document("Tờ điều trị 2", "hai".getBytes(StandardCharsets.UTF_8)),
                new RemoteSigner.Document("Tờ điều trị 3", "ba".getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<List<byte[]>> signing = CompletableFuture.supplyAsync(() -> signer.signAll(batch));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !ca.pending().isEmpty());
        assertThat(ca.pending()).hasSize(1);
        assertThat(ca.pending().get(0).descriptions()).containsExactly("Tờ điều trị 1", "Tờ điều trị 2", "Tờ điều trị 3");
        ca.approve(ca.pending().get(0).id());

        List<byte[]> signatures = signing.get(10, TimeUnit.SECONDS);
        assertThat(signatures).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Signature check = Signature.getInstance("SHA256withRSA");
            check.initVerify(pki.doctor().certificate());
            check.update(batch.get(i).data());
            assertThat(check.verify(signatures.get(i))).as("signature %d", i).isTrue();
        }
    }

    @Test
    void sign_rejectedByUser_isRefused() {
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofSeconds(20)), "bs.an");
        CompletableFuture<byte[]> signing = CompletableFuture.supplyAsync(() -> signer.sign(new byte[] {1}));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !ca.pending().isEmpty());
        ca.reject(ca.pending().get(0).id());
        assertThatThrownBy(() -> signing.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SigningException.class)
                .satisfies(e -> assertThat(((SigningException) e.getCause()).code()).isEqualTo("VNEMR-4021"));
    }

    @Test
    void sign_notApprovedInTime_timesOut() {
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofMillis(400)), "bs.an");
        assertThatThrownBy(() -> signer.sign(new byte[] {2}))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4022"));
    }

    @Test
    void sign_transactionExpiredAtTheCa_timesOut() {
        ca.transactionLifetime(Duration.ofMillis(100));
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofSeconds(20)), "bs.an");
        assertThatThrownBy(() -> signer.sign(new byte[] {3}))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4022"));
    }

    @Test
    void sign_signatureNotMatchingTheCertificate_isRefused() {
        ca.autoApprove(true);
        ca.tamperSignatures(true);
        RemoteSigner signer = RemoteSigner.connect(settings(Duration.ofSeconds(20)), "bs.an");
        assertThatThrownBy(() -> signer.sign(new byte[] {4}))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4024"));
    }

    @Test
    void connect_unknownUser_isRefused() {
        assertThatThrownBy(() -> RemoteSigner.connect(settings(Duration.ofSeconds(1)), "nobody"))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4025"));
    }

    @Test
    void connect_wrongClientToken_isRefused() {
        var wrong = new RemoteSigner.RemoteSettings(ca.baseUrl(), "guess", Duration.ofMillis(50), Duration.ofSeconds(1));
        assertThatThrownBy(() -> RemoteSigner.connect(wrong, "bs.an"))
                .isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.code()).isEqualTo("VNEMR-4023");
                    assertThat(e.getMessage()).contains("401");
                });
    }

    @Test
    void plainHttpToAnotherHost_isRefused() {
        assertThatThrownBy(() -> new RemoteSigner.RemoteSettings(URI.create("http://ca.example.vn/api"), "x",
                Duration.ofMillis(50), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4027"));
        assertThat(new RemoteSigner.RemoteSettings(URI.create("https://ca.example.vn/api"), "x",
                Duration.ofMillis(50), Duration.ofSeconds(1)).baseUrl().getHost()).isEqualTo("ca.example.vn");
    }

    @Test
    void connect_serviceDown_isRefused() {
        var down = new RemoteSigner.RemoteSettings(URI.create("http://127.0.0.1:9/api"), "x",
                Duration.ofMillis(50), Duration.ofSeconds(1));
        assertThatThrownBy(() -> RemoteSigner.connect(down, "bs.an"))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4020"));
    }
}
