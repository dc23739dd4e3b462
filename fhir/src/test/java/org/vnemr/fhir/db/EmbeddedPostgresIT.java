package org.vnemr.fhir.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresIT {

    @Test
    void asRoot_aHomeClosedToOthersMovesTheClusterToVarTmpAndStillStarts(@TempDir Path temp) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root hands PostgreSQL to 'nobody'");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        Path home = temp.resolve("home");
        Path moved = null;
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(home, 0)) {
            moved = pg.dataDirectory().getParent();
            assertThat(pg.dataDirectory().toString()).startsWith("/var/tmp/vnemr-postgres-");
            try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
                 var rs = c.createStatement().executeQuery("SELECT current_setting('server_version_num')::int")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
            }
        } finally {
            if (moved != null && moved.toString().startsWith("/var/tmp/vnemr-postgres-")) {
                try (var paths = Files.walk(moved)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
