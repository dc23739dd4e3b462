package org.vnemr.platform.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server backs itself up on its cron schedule and keeps only the newest {@code vnemr.backup.keep}: older complete
 * backups are pruned, unfinished ones ({@code .partial}) and foreign files are left alone, and every kept backup
 * verifies with the key.
 */
class ScheduledBackupsIT {

    @Test
    void everyScheduledRun_backsUp_andRetentionKeepsTheNewestTwo(@TempDir Path temp) throws Exception {
        Path key = temp.resolve("backup.key");
        BackupKey.generate(key);
        Path dir = temp.resolve("backups");
        Files.createDirectories(dir.resolve("vnemr-backup-20200101-000000.partial"));
        Files.writeString(dir.resolve("ghi-chu.txt"), "không phải bản sao lưu");
        try (FhirTestServer server = FhirTestServer.startWith(List.of(PlatformConfiguration.class),
                "--vnemr.home=target/test-home-scheduled", "--vnemr.backup.schedule=*/2 * * * * *",
                "--vnemr.backup.key-file=" + key, "--vnemr.backup.directory=" + dir, "--vnemr.backup.keep=2")) {
            server.post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Phan\"}]}");
            ScheduledBackups scheduled = server.bean(ScheduledBackups.class);
            long deadline = System.currentTimeMillis() + 120_000;
            while (scheduled.runs() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(scheduled.runs()).as("scheduled runs within 2 minutes").isGreaterThanOrEqualTo(4);
            List<Path> kept;
            try (Stream<Path> entries = Files.list(dir)) {
                kept = entries.filter(p -> p.getFileName().toString().matches("vnemr-backup-\\d{8}-\\d{6}")).sorted()
                        .toList();
            }
            assertThat(kept).hasSize(2);
            for (Path backup : kept) {
                assertThat(server.bean(BackupService.class).verify(backup, BackupKey.read(key)).rows()).isPositive();
            }
            assertThat(dir.resolve("vnemr-backup-20200101-000000.partial")).exists();
            assertThat(dir.resolve("ghi-chu.txt")).exists();
        }
    }
}
