package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's round trip with the real commands: {@code backup keygen}, {@code backup} of a node's data
 * directory, {@code backup verify}, {@code restore} into a new, empty node, then {@code audit verify} there and the
 * patient served by the restored node.
 */
class BackupCommandIT {

    @Test
    void backupAndRestore_betweenTwoDataDirectories(@TempDir Path temp) throws Exception {
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path homeA = temp.resolve("a");
        Path homeB = temp.resolve("b");
        Path key = temp.resolve("keys/backup.key");
        HttpClient http = HttpClient.newHttpClient();
        String id;
        try (ConfigurableApplicationContext app = VnemrApplication.serve("--server.port=0", "--vnemr.security.enabled=false", "--vnemr.home=" + homeA)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/fhir";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/Patient"))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Võ\",\"given\":[\"Thị\",\"Sáu\"]}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/Patient/([^/]+)/.*", "$1");
        }
        assertThat(run(() -> BackupCommand.backup(new String[] {"keygen", key.toString()}))[0]).isEqualTo("0");
        String[] made = run(() -> BackupCommand.backup(new String[] {"--key-file=" + key,
            "--to=" + temp.resolve("backups"), "--vnemr.home=" + homeA}));
        assertThat(made[0]).as(made[1]).isEqualTo("0");
        Path backup;
        try (var entries = Files.list(temp.resolve("backups"))) {
            backup = entries.findFirst().orElseThrow();
        }
        assertThat(run(() -> BackupCommand.backup(new String[] {"verify", backup.toString(), "--key-file=" + key,
            "--vnemr.home=" + homeA}))[1]).contains("backup verified");
        String[] restored = run(() -> BackupCommand.restore(new String[] {backup.toString(), "--key-file=" + key,
            "--vnemr.home=" + homeB}));
        assertThat(restored[0]).as(restored[1]).isEqualTo("0");
        assertThat(run(() -> AuditCommand.run(new String[] {"verify", "--vnemr.home=" + homeB}))[1])
                .contains("audit chain intact: 3 events"); // first administrator, the patient's creation, the restore
        try (ConfigurableApplicationContext app = VnemrApplication.serve("--server.port=0", "--vnemr.security.enabled=false", "--vnemr.home=" + homeB)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/fhir";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("Sáu");
        }
    }

    private static String[] run(Supplier<Integer> command) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = command.get();
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(original);
        }
    }
}
