package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.auth.TokenClaims;
import org.vnemr.platform.auth.TokenService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable with no database configured: it starts a real PostgreSQL in its home directory, serves
 * FHIR over HTTP — behind Bearer tokens, since security is on by default — and a second start finds the data of the
 * first.
 */
class EmbeddedServerIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void secondStart_reusesTheDataOfTheFirst(@TempDir Path temp) throws Exception {
        // as root the database runs as 'nobody', which must be able to enter the folder
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = temp.resolve("home");
        String id;
        try (ConfigurableApplicationContext app = start(home)) {
            String base = base(app);
            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body()).contains("CapabilityStatement");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/Patient")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("secure by default: no token, no data").isEqualTo(401);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/Patient"))
                    .header("Content-Type", "application/fhir+json").header("Authorization", bearer(app))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Lý\",\"given\":[\"Thường\",\"Kiệt\"]}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/Patient/([^/]+)/.*", "$1");
        }
        assertThat(Files.exists(home.resolve("postgres/pgdata/PG_VERSION"))).isTrue();
        try (ConfigurableApplicationContext app = start(home)) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base(app) + "/Patient/" + id))
                            .header("Authorization", bearer(app)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("Thường");
            HttpResponse<String> search = http.send(HttpRequest.newBuilder(
                    URI.create(base(app) + "/Patient?name=ly%20thuong%20kiet")).header("Authorization", bearer(app))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(search.body()).contains(id);
        }
    }

    private static ConfigurableApplicationContext start(Path home) {
        return VnemrApplication.serve("--server.port=0", "--vnemr.home=" + home);
    }

    /** A token as the node issues it after a SMART Backend Services exchange: a laboratory system (all departments). */
    private static String bearer(ConfigurableApplicationContext app) {
        return "Bearer " + app.getBean(TokenService.class).issue(new TokenClaims("lis", false,
                List.of(Role.LAB_TECHNICIAN.code()), List.of("khoa-xn"), null, "system/*.*", null, null),
                Duration.ofMinutes(5));
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/fhir";
    }
}
