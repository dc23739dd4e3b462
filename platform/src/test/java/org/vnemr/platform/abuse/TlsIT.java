package org.vnemr.platform.abuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS as docs/operations/security.md configures it: a node started with a (here self-signed) PKCS12 keystore answers
 * over https with HSTS, TLS 1.2+ only; the same headers over plain HTTP carry no HSTS (SecuritySuiteIT).
 */
class TlsIT {

    @Test
    void aNodeWithAKeystore_answersOverHttps_withHsts(@TempDir Path temp) throws Exception {
        Path keystore = temp.resolve("node.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "vnemr", "-keyalg", "EC", "-groupname",
                "secp384r1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "mat-khau-kho-khoa", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        try (FhirTestServer server = FhirTestServer.startWith(List.of(PlatformConfiguration.class),
                "--vnemr.home=target/test-home-tls", "--server.ssl.enabled=true",
                "--server.ssl.key-store=" + keystore, "--server.ssl.key-store-type=PKCS12",
                "--server.ssl.key-store-password=mat-khau-kho-khoa",
                "--server.ssl.enabled-protocols=TLSv1.3,TLSv1.2")) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "mat-khau-kho-khoa".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
            String url = server.base().replace("http://", "https://") + "/metadata";
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.uri().getScheme()).isEqualTo("https");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("max-age=31536000"));
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }
}
