package org.vnemr.fhir.store;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.TestDatabase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills (SIGKILL) a server process while it writes a large transaction, then checks that nothing of the
 * transaction was stored and that a new server on the same database works.
 */
class CrashDuringTransactionIT {

    private static final int PATIENTS = 3000;

    @Test
    void killedServer_leavesNoPartOfTheTransaction() throws Exception {
        String[] db = TestDatabase.freshConnection();
        String url = db[0] + (db[0].contains("?") ? "&" : "?") + "ApplicationName=vnemr-crash-test";
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "crash-test-server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", FhirTestServer.class.getName(),
                url, db[1], db[2], Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/fhir";
        try (HikariDataSource observer = pool(db)) {
            JdbcTemplate jdbc = new JdbcTemplate(observer);
            waitForServer(http, base, server);

            CompletableFuture<HttpResponse<String>> sent = http.sendAsync(HttpRequest.newBuilder(URI.create(base))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(largeTransaction())).build(),
                    HttpResponse.BodyHandlers.ofString());

            // wait until the server's transaction has started writing (it holds a transaction id), then kill it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean writing = false;
            while (!writing && System.nanoTime() < deadline && !sent.isDone()) {
                writing = jdbc.queryForObject("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE application_name = 'vnemr-crash-test' AND backend_xid IS NOT NULL""", Integer.class) > 0;
                if (!writing) {
                    server.waitFor(5, TimeUnit.MILLISECONDS); // returns at once if the server died
                }
            }
            assertThat(writing).as("the server started writing the transaction before it finished").isTrue();
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            // PostgreSQL notices the dead connection and rolls back; wait for the backend to go away
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < gone && jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vnemr-crash-test'", Integer.class) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM \"patient\"", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM \"observation\"", Integer.class)).isZero();

            try (FhirTestServer restarted = FhirTestServer.start(observer)) {
                var created = restarted.post("Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}");
                assertThat(created.status()).isEqualTo(201);
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static String largeTransaction() {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < PATIENTS; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"fullUrl\":\"urn:uuid:p").append(i).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                    .append("\"name\":[{\"family\":\"Trần\",\"given\":[\"Thị\",\"Bình ").append(i).append("\"]}]},")
                    .append("\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},");
            sb.append("{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",")
                    .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},")
                    .append("\"subject\":{\"reference\":\"urn:uuid:p").append(i).append("\"},")
                    .append("\"valueQuantity\":{\"value\":72,\"unit\":\"/min\"}},")
                    .append("\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        return sb.append("]}").toString();
    }

    private static void waitForServer(HttpClient http, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server process is running (see target/crash-test-server.log)").isTrue();
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            server.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("server did not start");
    }

    private static HikariDataSource pool(String[] db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db[0]);
        config.setUsername(db[1]);
        config.setPassword(db[2]);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

}
