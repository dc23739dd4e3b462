package org.vnemr.platform.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Người đưa thư: delivers due outbox messages to their topic's {@link OutboxHandler}, after commit and outside any
 * transaction. Claims a batch with {@code FOR UPDATE SKIP LOCKED} and a lease, so two relays (or two nodes on one
 * database) never deliver the same message at the same time; a message waits while an older one about the same
 * subject is still pending (check-in before the dossier). Passing failures come back after 10 s, 20 s, 40 s … up to
 * an hour; after {@code maxAttempts}, or at once when the receiver refused the content, the message is "failed" and
 * shown to people, never dropped.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LAST_RETRY = Duration.ofHours(1);
    /** How long a claimed message stays invisible to other relays while it is being delivered. */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, OutboxHandler> handlers;
    private final Clock clock;
    private final int maxAttempts;
    private ScheduledExecutorService timer;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, List<OutboxHandler> handlers, Clock clock,
                       int maxAttempts) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.handlers = handlers.stream().collect(Collectors.toMap(OutboxHandler::topic, Function.identity()));
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** Polls every {@code interval} on one background thread. */
    public synchronized void start(Duration interval) {
        if (timer != null || handlers.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vnemr-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                while (runOnce() == BATCH) {
                    // a full batch: more may be due
                }
            } catch (RuntimeException e) {
                LOG.warn("outbox relay round failed, will try again: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: claims up to a batch of due messages and delivers them; returns how many were claimed. */
    public int runOnce() {
        if (handlers.isEmpty()) {
            return 0;
        }
        List<OutboxMessage> claimed = transactions.execute(status -> claim());
        for (OutboxMessage message : claimed) {
            deliver(message);
        }
        return claimed.size();
    }

    private List<OutboxMessage> claim() {
        Instant now = clock.instant();
        String topics = String.join(",", handlers.keySet().stream().map(t -> "?").toList());
        Object[] args = new Object[handlers.size() + 1];
        args[0] = Timestamp.from(now);
        int i = 1;
        for (String topic : handlers.keySet()) {
            args[i++] = topic;
        }
        List<OutboxMessage> due = jdbc.query("""
                SELECT m.* FROM outbox_message m
                 WHERE m.status = 'pending' AND m.next_attempt <= ? AND m.topic IN (%s)
                   AND NOT EXISTS (SELECT 1 FROM outbox_message e
                                    WHERE e.subject = m.subject AND e.id < m.id AND e.status = 'pending')
                 ORDER BY m.id LIMIT %d
                 FOR UPDATE OF m SKIP LOCKED""".formatted(topics, BATCH), Outbox.ROW, args);
        for (OutboxMessage m : due) {
            jdbc.update("UPDATE outbox_message SET next_attempt = ? WHERE id = ?", Timestamp.from(now.plus(LEASE)),
                    m.id());
        }
        return due;
    }

    private void deliver(OutboxMessage message) {
        OutboxHandler.Delivery result;
        try {
            result = handlers.get(message.topic()).deliver(message);
        } catch (RuntimeException e) {
            result = OutboxHandler.Delivery.retry(e.toString());
        }
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        switch (result.outcome()) {
            case DELIVERED -> jdbc.update("UPDATE outbox_message SET status = 'delivered', attempts = ?, reply = ?,"
                    + " delivered = ?, last_error = NULL WHERE id = ?", attempts, result.detail(), Timestamp.from(now),
                    message.id());
            case REJECTED -> jdbc.update("UPDATE outbox_message SET status = 'failed', attempts = ?, last_error = ?"
                    + " WHERE id = ?", attempts, result.detail(), message.id());
            case RETRY -> {
                boolean exhausted = attempts >= maxAttempts;
                jdbc.update("UPDATE outbox_message SET status = ?, attempts = ?, last_error = ?, next_attempt = ?"
                        + " WHERE id = ?", exhausted ? "failed" : "pending", attempts, result.detail(),
                        Timestamp.from(now.plus(backoff(attempts))), message.id());
                if (exhausted) {
                    LOG.warn("outbox message {} ({}) failed after {} attempts: {}", message.id(), message.topic(),
                            attempts, result.detail());
                }
            }
        }
    }

    /** 10 s after the first failure, doubling, at most an hour. */
    static Duration backoff(int attempts) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(attempts - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, LAST_RETRY.toSeconds()));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
