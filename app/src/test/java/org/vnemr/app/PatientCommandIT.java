package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditSearch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vnemr patient export ID --out FILE}: the operator answers a data subject's request — the file holds the
 * patient's data and access log, readable by its owner only, and the export is in the audit trail.
 */
class PatientCommandIT {

    @Test
    void export_writesThePatientsDataToAPrivateFile_andIsAudited(@TempDir Path temp) throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = temp.resolve("home");
        String id;
        try (ConfigurableApplicationContext app = VnemrApplication.serve("--server.port=0",
                "--vnemr.security.enabled=false", "--vnemr.home=" + home)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/fhir";
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                            + "/Patient")).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Ngô\",\"given\":[\"Sĩ Liên\"]}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/Patient/([^/]+)/.*", "$1");
        }
        Path out = temp.resolve("yeu-cau/benh-nhan.json");
        assertThat(PatientCommand.run(new String[] {"export", id, "--out", out.toString(), "--by=dpo",
            "--vnemr.home=" + home})).isZero();
        assertThat(Files.readString(out)).contains("\"Ngô\"").contains("\"AuditEvent\"").contains(id);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(PatientCommand.run(new String[] {"export", "khong-co", "--out", out.toString(),
            "--vnemr.home=" + home})).isEqualTo(1);
        try (ConfigurableApplicationContext app = VnemrApplication.serve("--server.port=0",
                "--vnemr.security.enabled=false", "--vnemr.home=" + home)) {
            assertThat(app.getBean(AuditSearch.class).find(new AuditQuery(id, "dpo", "export", null, null, null, 10)))
                    .hasSize(1);
        }
    }
}
