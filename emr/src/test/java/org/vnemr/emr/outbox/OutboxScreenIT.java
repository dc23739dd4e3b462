package org.vnemr.emr.outbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.outbox.Outbox;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outgoing-queue screen over real HTTP: IT staff see the counts per status and each failed message with its
 * reason, and "Gửi lại" puts a failed message back in the queue (and is audited).
 */
class OutboxScreenIT {

    static EmrTestServer server;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start("--vnemr.outbox.relay=false");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFailedMessage_isShownWithItsReasonAndCanBeSentAgain() {
        Outbox outbox = server.bean(Outbox.class);
        long id = outbox.enqueue("bhyt.dossier", "Encounter/77", "Encounter/77", "Encounter/77");
        server.bean(JdbcTemplate.class).update("UPDATE outbox_message SET status = 'failed', attempts = 3,"
                + " last_error = 'XML1.MA_THE_BHYT: sai định dạng' WHERE id = ?", id);
        UiClient admin = server.loginAdministrator();

        UiClient.Response page = admin.get("/quan-tri/hang-doi");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Cổng BHXH — hồ sơ").contains("XML1.MA_THE_BHYT: sai định dạng")
                .contains("id=\"retry-" + id + "\"");

        UiClient.Response retried = admin.post("/quan-tri/hang-doi/" + id + "/gui-lai", Map.of());
        assertThat(retried.status()).isEqualTo(302);
        assertThat(outbox.find(id).orElseThrow().status().name()).isEqualTo("PENDING");
        assertThat(admin.get("/quan-tri/hang-doi").body()).contains("id=\"no-failures\"");
    }

    @Test
    void aClinician_doesNotSeeTheQueueInTheirMenu() {
        UiClient doctor = server.login(server.user(org.vnemr.platform.access.Role.DOCTOR, null));
        assertThat(doctor.get("/").body()).doesNotContain("/quan-tri/hang-doi");
    }
}
