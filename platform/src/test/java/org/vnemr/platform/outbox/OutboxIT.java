package org.vnemr.platform.outbox;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.testing.TestDatabase;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox on the real database: a message exists only if its transaction committed, the same key is stored once,
 * passing failures come back with back-off, a refusal stops at "failed" for a person to see, an older pending
 * message about the same subject goes first, and two relays never deliver one message twice at the same time.
 */
class OutboxIT {

    static HikariDataSource db;
    static JdbcTemplate jdbc;
    static TransactionTemplate transactions;
    static Outbox outbox;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        jdbc = new JdbcTemplate(db);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(db));
        outbox = new Outbox(jdbc, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM outbox_message WHERE supersedes IS NOT NULL");
        jdbc.update("DELETE FROM outbox_message");
    }

    /** Records what it was given; answers with the scripted outcomes, then "delivered". */
    static final class Recorder implements OutboxHandler {
        final String topic;
        final List<OutboxMessage> seen = Collections.synchronizedList(new ArrayList<>());
        final List<Delivery> script;

        Recorder(String topic, Delivery... script) {
            this.topic = topic;
            this.script = new ArrayList<>(List.of(script));
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public synchronized Delivery deliver(OutboxMessage message) {
            seen.add(message);
            return script.isEmpty() ? Delivery.delivered("ok:" + message.id()) : script.remove(0);
        }
    }

    private OutboxRelay relay(OutboxHandler... handlers) {
        return new OutboxRelay(jdbc, transactions, List.of(handlers), Clock.systemUTC(), 3);
    }

    @Test
    void aMessageQueuedInARolledBackTransaction_doesNotExist() {
        transactions.executeWithoutResult(status -> {
            outbox.enqueue("bhyt.checkin", "k1", "Encounter/1", "<xml/>");
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_message", Integer.class)).isZero();
    }

    @Test
    void theSameKeyTwice_isStoredOnceAndDeliveredOnceWithItsReply() {
        long first = outbox.enqueue("bhyt.checkin", "k2", "Encounter/2", "<xml/>");
        long again = outbox.enqueue("bhyt.checkin", "k2", "Encounter/2", "<xml/>");
        assertThat(again).isEqualTo(first);
        Recorder handler = new Recorder("bhyt.checkin");
        assertThat(relay(handler).runOnce()).isEqualTo(1);
        assertThat(relay(handler).runOnce()).isZero();
        OutboxMessage delivered = outbox.find(first).orElseThrow();
        assertThat(delivered.status()).isEqualTo(OutboxMessage.Status.DELIVERED);
        assertThat(delivered.reply()).isEqualTo("ok:" + first);
        assertThat(handler.seen).hasSize(1);
    }

    @Test
    void aPassingFailure_comesBackLaterAndFailsForGoodAfterTheLastAttempt() {
        long id = outbox.enqueue("hub", "k3", "Encounter/3", "{}");
        Recorder handler = new Recorder("hub", OutboxHandler.Delivery.retry("timeout"),
                OutboxHandler.Delivery.retry("timeout"), OutboxHandler.Delivery.retry("503"));
        OutboxRelay relay = relay(handler);
        relay.runOnce();
        OutboxMessage waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(OutboxMessage.Status.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttempt()).isAfter(waiting.created().plusSeconds(9));
        assertThat(relay.runOnce()).as("not due yet").isZero();
        for (int attempt = 0; attempt < 2; attempt++) {
            jdbc.update("UPDATE outbox_message SET next_attempt = now() WHERE id = ?", id);
            relay.runOnce();
        }
        OutboxMessage failed = outbox.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(OutboxMessage.Status.FAILED);
        assertThat(failed.lastError()).isEqualTo("503");
        assertThat(outbox.failures(10)).extracting(OutboxMessage::id).contains(id);
        assertThat(outbox.retry(id)).isTrue();
        relay.runOnce();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMessage.Status.DELIVERED);
    }

    @Test
    void aRefusedMessage_failsAtOnceAndAResubmissionCarriesItsReason() {
        long id = outbox.enqueue("bhyt.dossier", "MA_LK-1", "Encounter/4", "v1");
        relay(new Recorder("bhyt.dossier", OutboxHandler.Delivery.rejected("XML1.MA_THE_BHYT sai"))).runOnce();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMessage.Status.FAILED);
        assertThatThrownBy(() -> outbox.resubmit(id, "v2", " ")).hasMessageContaining("VNEMR-5102");
        long second = outbox.resubmit(id, "v2", "sửa mã thẻ");
        OutboxMessage resubmitted = outbox.find(second).orElseThrow();
        assertThat(resubmitted.idempotencyKey()).isEqualTo("MA_LK-1#1");
        assertThat(resubmitted.supersedes()).isEqualTo(id);
        assertThat(resubmitted.reason()).isEqualTo("sửa mã thẻ");
        assertThat(outbox.about("Encounter/4")).hasSize(2);
    }

    @Test
    void anOlderPendingMessageAboutTheSameSubject_goesFirst() {
        long checkin = outbox.enqueue("bhyt.checkin", "c5", "Encounter/5", "checkin");
        long dossier = outbox.enqueue("bhyt.dossier", "d5", "Encounter/5", "dossier");
        Recorder checkins = new Recorder("bhyt.checkin", OutboxHandler.Delivery.retry("down"));
        Recorder dossiers = new Recorder("bhyt.dossier");
        OutboxRelay relay = relay(checkins, dossiers);
        relay.runOnce();
        assertThat(dossiers.seen).as("dossier waits for its check-in").isEmpty();
        jdbc.update("UPDATE outbox_message SET next_attempt = now() WHERE id = ?", checkin);
        relay.runOnce();
        relay.runOnce();
        assertThat(outbox.find(dossier).orElseThrow().status()).isEqualTo(OutboxMessage.Status.DELIVERED);
    }

    @Test
    void twoRelaysAtOnce_neverDeliverTheSameMessageTwice() throws Exception {
        for (int i = 0; i < 60; i++) {
            outbox.enqueue("hub", "p" + i, "Encounter/p" + i, "{}");
        }
        AtomicInteger deliveries = new AtomicInteger();
        OutboxHandler slow = new OutboxHandler() {
            @Override
            public String topic() {
                return "hub";
            }

            @Override
            public Delivery deliver(OutboxMessage message) {
                deliveries.incrementAndGet();
                return Delivery.delivered("ok");
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        for (int r = 0; r < 2; r++) {
            OutboxRelay relay = relay(slow);
            pool.submit(() -> {
                go.await();
                while (relay.runOnce() > 0) {
                    // drain
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(deliveries.get()).isEqualTo(60);
        assertThat(outbox.counts()).containsEntry(OutboxMessage.Status.DELIVERED, 60);
    }

    @Test
    void backOff_doublesFromTenSecondsUpToAnHour() {
        assertThat(OutboxRelay.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(OutboxRelay.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(OutboxRelay.backoff(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(OutboxRelay.backoff(30)).isEqualTo(Duration.ofHours(1));
    }
}
