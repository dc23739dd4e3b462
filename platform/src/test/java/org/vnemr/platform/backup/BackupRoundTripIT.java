package org.vnemr.platform.backup;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.TestDatabase;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditLogWriter;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditSearch;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backs up a node with data while it serves, restores the backup into another, empty node, and proves the restored
 * data identical: the same tables with the same rows byte for byte, the audit chain intact and ending at the same
 * hash, sequences continuing, the FHIR API answering from it. Then what must fail: a damaged file, another key,
 * a restore over data.
 */
class BackupRoundTripIT {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void backupRestoreVerify_roundTrip_isIdentical(@TempDir Path temp) throws Exception {
        BackupKey key = BackupKey.generate(temp.resolve("keys/backup.key"));
        BackupService.Report made;
        String patient;
        HikariDataSource source;
        try (FhirTestServer server = FhirTestServer.startWith(List.of(PlatformConfiguration.class),
                "--vnemr.home=" + temp.resolve("home-a"))) {
            source = (HikariDataSource) server.bean(DataSource.class);
            patient = server.post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Đặng\","
                    + "\"given\":[\"Thuỳ\",\"Trâm\"]}],\"birthDate\":\"1942-11-26\"}").header("Location")
                    .replaceAll(".*/Patient/([^/]+)/.*", "$1");
            for (int i = 0; i < 30; i++) {
                assertThat(server.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                        + "\"code\":{\"text\":\"Mạch " + i + "\"},\"subject\":{\"reference\":\"Patient/" + patient
                        + "\"},\"valueQuantity\":{\"value\":" + (60 + i) + ",\"unit\":\"/min\"}}").status())
                        .isEqualTo(201);
            }
            server.put("Patient/" + patient, "{\"resourceType\":\"Patient\",\"id\":\"" + patient
                    + "\",\"name\":[{\"family\":\"Đặng\",\"given\":[\"Thuỳ\",\"Trâm\"]}],\"gender\":\"female\"}");
            server.get("Patient/" + patient);
            AuditSearch audit = server.bean(AuditSearch.class);
            long deadline = System.currentTimeMillis() + 10_000;
            while (audit.count() < 33 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            // online: the server keeps serving while the backup runs
            made = server.bean(BackupService.class).backup(temp.resolve("backups"), key);
            assertThat(server.get("Patient/" + patient).status()).isEqualTo(200);
        }
        assertThat(made.directory().getFileName().toString()).matches("vnemr-backup-\\d{8}-\\d{6}");
        assertThat(made.rows()).isGreaterThan(60);
        assertThat(made.auditLastSeq()).isGreaterThanOrEqualTo(33);
        assertThat(Files.readString(made.directory().resolve("manifest.json"))).doesNotContain("Thuỳ");
        for (Path file : Files.list(made.directory()).toList()) {
            assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8))
                    .as("no clear text in " + file.getFileName()).doesNotContain("Đặng").doesNotContain("Mạch");
        }
        BackupService.Report verified = new BackupService(source, "a", CLOCK).verify(made.directory(), key);
        assertThat(verified.rows()).isEqualTo(made.rows());

        HikariDataSource target = TestDatabase.fresh();
        BackupService.Report restored = new BackupService(target, "b", CLOCK).restore(made.directory(), key);
        assertThat(restored.rows()).isPositive();
        // the source went on serving after the backup: compare its audit trail up to where the backup ends
        Map<String, String> before = tableDigests(source, made.auditLastSeq());
        Map<String, String> after = tableDigests(target, made.auditLastSeq());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t)))
                .map(t -> t + ": " + before.get(t) + " → " + after.get(t)).toList()).as("tables that differ").isEmpty();
        assertThat(before.get("observation")).endsWith(" 30");
        AuditChainVerifier.Result chain = new AuditChainVerifier(target).verify();
        assertThat(chain.intact()).isTrue();
        assertThat(chain.lastSeq()).isEqualTo(made.auditLastSeq());
        assertThat(chain.lastHash()).isEqualTo(made.auditLastHash());
        try (AuditLogWriter writer = new AuditLogWriter(target, "b", 10)) {
            long next = writer.recordDurably(AuditRecord.of("admin", AuditAction.ADMINISTRATION)
                    .withWhat("restored"), Duration.ofSeconds(10));
            assertThat(next).isEqualTo(made.auditLastSeq() + 1);
        }
        assertThat(new AuditChainVerifier(target).verify().intact()).isTrue();
        try (FhirTestServer restoredServer = FhirTestServer.start(target)) {
            assertThat(restoredServer.get("Patient/" + patient).body()).contains("Trâm", "female");
            assertThat(restoredServer.get("Patient/" + patient + "/_history/1").status()).isEqualTo(200);
            assertThat(restoredServer.get("Observation?subject=Patient/" + patient + "&_summary=count").body())
                    .contains("\"total\":30");
            assertThat(restoredServer.get("Patient?name=thuy%20tram").body()).contains(patient);
            assertThat(restoredServer.post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                    + "\"code\":{\"text\":\"Mạch mới\"}}").status()).isEqualTo(201);
        }
        assertThatThrownBy(() -> new BackupService(target, "b", CLOCK).restore(made.directory(), key))
                .hasMessageContaining("VNEMR-5083");
        source.close();
        target.close();
    }

    @Test
    void damagedFiles_alteredManifests_andOtherKeys_areRefused(@TempDir Path temp) throws Exception {
        HikariDataSource source = TestDatabase.fresh();
        new JdbcTemplate(source).execute("SELECT 1");
        try (AuditLogWriter writer = new AuditLogWriter(source, "a", 10)) {
            writer.recordDurably(AuditRecord.of("u", AuditAction.LOGIN), Duration.ofSeconds(10));
        }
        BackupKey key = BackupKey.generate(temp.resolve("k1"));
        BackupService service = new BackupService(source, "a", CLOCK);
        Path backup = service.backup(temp.resolve("b"), key).directory();
        assertThatThrownBy(() -> service.verify(backup, BackupKey.generate(temp.resolve("k2"))))
                .hasMessageContaining("VNEMR-5080");
        Path manifest = backup.resolve("manifest.json");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replaceFirst("\"rows\" : 1", "\"rows\" : 2"));
        assertThatThrownBy(() -> service.verify(backup, key)).hasMessageContaining("VNEMR-5082");
        Files.writeString(manifest, original);
        Path audit = backup.resolve("audit_log.copy.gz.enc");
        byte[] bytes = Files.readAllBytes(audit);
        bytes[bytes.length - 5] ^= 1;
        Files.write(audit, bytes);
        assertThatThrownBy(() -> service.verify(backup, key)).hasMessageContaining("VNEMR-5082");
        HikariDataSource target = TestDatabase.fresh();
        assertThatThrownBy(() -> new BackupService(target, "b", CLOCK).restore(backup, key))
                .hasMessageContaining("VNEMR-5082");
        assertThat(new AuditSearch(new JdbcTemplate(target)).count()).isZero();
        source.close();
        target.close();
    }

    @Test
    void prune_keepsTheNewestBackups(@TempDir Path temp) throws Exception {
        for (String stamp : new String[] {"20261101-020000", "20261102-020000", "20261103-020000"}) {
            Path dir = Files.createDirectories(temp.resolve("vnemr-backup-" + stamp));
            Files.writeString(dir.resolve("manifest.json"), "{}");
        }
        Files.createDirectories(temp.resolve("vnemr-backup-20261104-020000.partial"));
        assertThat(BackupService.prune(temp, 2)).extracting(p -> p.getFileName().toString())
                .containsExactly("vnemr-backup-20261101-020000");
        assertThat(Files.exists(temp.resolve("vnemr-backup-20261103-020000"))).isTrue();
    }

    /** SHA-256 of each table's full COPY output: equal digests mean the same rows, byte for byte. */
    private static Map<String, String> tableDigests(DataSource ds, long auditUpTo) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            List<String> tables = new JdbcTemplate(ds).queryForList(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", String.class);
            for (String table : tables) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String select = table.equals("audit_log") ? "(SELECT * FROM audit_log WHERE seq <= " + auditUpTo + ")"
                        : "\"" + table + "\"";
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + select + " TO STDOUT", out);
                // rows in a canonical order: physical order may differ after a restore
                List<String> rows = new java.util.ArrayList<>(List.of(out.toString(
                        java.nio.charset.StandardCharsets.UTF_8).split("\n")));
                java.util.Collections.sort(rows);
                digests.put(table, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                        String.join("\n", rows).getBytes(java.nio.charset.StandardCharsets.UTF_8))) + " " + rows.size());
            }
        }
        return digests;
    }
}
