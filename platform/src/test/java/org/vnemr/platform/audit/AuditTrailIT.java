package org.vnemr.platform.audit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail on a real PostgreSQL: chained group commits, append-only table, tamper detection, search. */
class AuditTrailIT {

    private static HikariDataSource db;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        jdbc = new JdbcTemplate(db);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void reset() {
        // the test owns this database: lift the guard, empty the table, put the guard back
        jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate");
        jdbc.execute("TRUNCATE audit_log");
        jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate");
    }

    private static AuditRecord read(String user, String patient) {
        return AuditRecord.of(user, AuditAction.READ).withRole("doctor").withPatients(List.of(patient))
                .withWhat("Patient/" + patient).withClientAddress("10.0.0.7");
    }

    @Test
    void concurrentWriters_produceOneUnbrokenChain_inFewCommits() throws Exception {
        reset();
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 10_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Long>> done = new ArrayList<>();
            List<java.util.concurrent.Future<CompletableFuture<Long>>> submitted = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                submitted.add(pool.submit(() -> writer.record(read("user" + (n % 5), "p" + (n % 37)))));
            }
            for (var f : submitted) {
                done.add(f.get());
            }
            pool.shutdown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
            assertThat(done.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(2_000);
        }
        AuditChainVerifier.Result result = new AuditChainVerifier(db).verify();
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(2_000);
        assertThat(result.lastSeq()).isEqualTo(2_000);
    }

    @Test
    void recordDurably_returnsAfterTheRowIsCommitted() {
        reset();
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 100)) {
            long seq = writer.recordDurably(AuditRecord.of("admin", AuditAction.LOGIN), Duration.ofSeconds(10));
            assertThat(jdbc.queryForObject("SELECT user_name FROM audit_log WHERE seq = ?", String.class, seq))
                    .isEqualTo("admin");
        }
    }

    @Test
    void updateDeleteAndTruncate_areRefusedByTheTable() {
        reset();
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 100)) {
            writer.recordDurably(read("bs.lan", "1"), Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET user_name = 'someone-else'"))
                .rootCause().hasMessageContaining("VNEMR-5001");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log")).rootCause().hasMessageContaining("VNEMR-5001");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log")).rootCause().hasMessageContaining("VNEMR-5001");
        assertThat(jdbc.queryForObject("SELECT user_name FROM audit_log", String.class)).isEqualTo("bs.lan");
    }

    @Test
    void editingAnyRow_makesVerifyNameThatRow() {
        reset();
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 100)) {
            for (int i = 1; i <= 20; i++) {
                writer.recordDurably(read("user" + i, "p" + i), Duration.ofSeconds(10));
            }
        }
        assertThat(new AuditChainVerifier(db).verify().intact()).isTrue();
        String[] edits = {
            "UPDATE audit_log SET user_name = 'ke-gian' WHERE seq = 7",
            "UPDATE audit_log SET patients = '{}' WHERE seq = 7",
            "UPDATE audit_log SET event = replace(event, 'user7', 'nobody') WHERE seq = 7",
            "UPDATE audit_log SET recorded = recorded - interval '1 day' WHERE seq = 7",
            "UPDATE audit_log SET outcome = '8' WHERE seq = 7",
        };
        for (String edit : edits) {
            jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            jdbc.execute("CREATE TEMP TABLE IF NOT EXISTS saved AS SELECT * FROM audit_log WHERE seq = 7");
            jdbc.update(edit);
            AuditChainVerifier.Result result = new AuditChainVerifier(db).verify();
            assertThat(result.intact()).as(edit).isFalse();
            assertThat(result.brokenSeq()).as(edit).isEqualTo(7L);
            assertThat(result.problem()).as(edit).isEqualTo("content");
            assertThat(result.rowsChecked()).isEqualTo(6);
            assertThat(result.expected()).isNotEqualTo(result.found());
            // put the row back as it was and the chain is whole again
            jdbc.update("DELETE FROM audit_log WHERE seq = 7");
            jdbc.update("INSERT INTO audit_log SELECT * FROM saved");
            jdbc.execute("DROP TABLE saved");
            jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            assertThat(new AuditChainVerifier(db).verify().intact()).as("restored after " + edit).isTrue();
        }
    }

    @Test
    void deletingARow_orRewritingItsHash_breaksTheChainThere() {
        reset();
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 100)) {
            for (int i = 1; i <= 10; i++) {
                writer.recordDurably(read("user" + i, "p" + i), Duration.ofSeconds(10));
            }
        }
        jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
        // a forger who recomputes the hash of the row he edited still breaks the link of the next one
        jdbc.update("UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 4");
        AuditChainVerifier.Result result = new AuditChainVerifier(db).verify();
        assertThat(result.brokenSeq()).isEqualTo(4L);
        jdbc.update("DELETE FROM audit_log WHERE seq = 4");
        result = new AuditChainVerifier(db).verify();
        assertThat(result.brokenSeq()).isEqualTo(5L);
        assertThat(result.problem()).isEqualTo("gap");
        assertThat(result.expected()).isEqualTo("seq 4");
        jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    }

    @Test
    void search_findsByPatientUserActionAndTime_newestFirst() {
        reset();
        Instant t0 = Instant.parse("2026-11-20T01:00:00Z");
        try (AuditLogWriter writer = new AuditLogWriter(db, "test-node", 100)) {
            writer.recordDurably(read("bs.lan", "42").at(t0), Duration.ofSeconds(10));
            writer.recordDurably(read("dd.hoa", "42").at(t0.plusSeconds(3600)), Duration.ofSeconds(10));
            writer.recordDurably(read("bs.lan", "43").at(t0.plusSeconds(7200)), Duration.ofSeconds(10));
            writer.recordDurably(AuditRecord.of("bs.lan", AuditAction.UPDATE).withPatients(List.of("42"))
                    .at(t0.plusSeconds(10800)), Duration.ofSeconds(10));
        }
        AuditSearch search = new AuditSearch(jdbc);
        assertThat(search.find(AuditQuery.forPatient("42"))).extracting(AuditRow::user)
                .containsExactly("bs.lan", "dd.hoa", "bs.lan");
        assertThat(search.find(AuditQuery.forUser("bs.lan"))).extracting(AuditRow::patients)
                .containsExactly(List.of("42"), List.of("43"), List.of("42"));
        assertThat(search.find(new AuditQuery("42", null, "update", null, null, null, 10))).hasSize(1);
        assertThat(search.find(AuditQuery.forPatient("42").between(t0.plusSeconds(1), t0.plusSeconds(7200))))
                .extracting(AuditRow::user).containsExactly("dd.hoa");
        AuditRow first = search.find(AuditQuery.forPatient("43")).get(0);
        assertThat(first.event()).contains("\"resourceType\":\"AuditEvent\"", "\"Patient/43\"", "\"10.0.0.7\"",
                "\"doctor\"");
    }
}
