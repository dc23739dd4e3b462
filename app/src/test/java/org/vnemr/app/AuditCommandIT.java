package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.fhir.db.EmbeddedPostgres;
import org.vnemr.platform.audit.AuditSearch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vnemr audit verify} on the data directory the server used: intact after a day of requests, and naming
 * the edited row once someone with superuser rights has lifted the guard and changed it.
 */
class AuditCommandIT {

    @Test
    void verify_passesOnTheServersData_andNamesAnEditedRow(@TempDir Path temp) throws Exception {
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = temp.resolve("home");
        HttpClient http = HttpClient.newHttpClient();
        try (ConfigurableApplicationContext app = VnemrApplication.serve("--server.port=0", "--vnemr.security.enabled=false", "--vnemr.home=" + home)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/fhir";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/Patient"))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"gender\":\"female\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String location = created.headers().firstValue("Location").orElseThrow();
            String id = location.replaceAll(".*/Patient/([^/]+)/.*", "$1");
            for (int i = 0; i < 5; i++) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            AuditSearch search = app.getBean(AuditSearch.class);
            long deadline = System.currentTimeMillis() + 10_000;
            while (search.count() < 7 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            // the first administrator's creation at first start, the patient's creation, five reads
            assertThat(search.count()).isEqualTo(7);
        }
        String[] ok = run("verify", "--vnemr.home=" + home);
        assertThat(ok[0]).isEqualTo("0");
        assertThat(ok[1]).contains("audit chain intact: 7 events");

        try (EmbeddedPostgres pg = EmbeddedPostgres.start(home.resolve("postgres"), 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("vnemr"), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            s.execute("UPDATE audit_log SET user_name = 'someone-else' WHERE seq = 4");
            s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        }
        String[] broken = run("verify", "--vnemr.home=" + home);
        assertThat(broken[0]).isEqualTo("1");
        assertThat(broken[1]).contains("AUDIT CHAIN BROKEN at seq 4 (content)");
    }

    /** Runs the command; returns its exit code and what it printed. */
    private static String[] run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = AuditCommand.run(args);
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(original);
        }
    }
}
