package org.vnemr.platform.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hộp thư đi: {@link #enqueue} joins the caller's transaction (Spring's, on this thread) so a message exists exactly
 * when the change that caused it committed. Reading and resubmitting are for the screens and the command line.
 */
public class Outbox {

    private static final String COLUMNS = "id, topic, idempotency_key, subject, payload, created, status, attempts,"
            + " next_attempt, last_error, reply, delivered, supersedes, reason";
    static final RowMapper<OutboxMessage> ROW = (rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getString("topic"),
            rs.getString("idempotency_key"), rs.getString("subject"), rs.getString("payload"),
            rs.getTimestamp("created").toInstant(), OutboxMessage.Status.valueOf(rs.getString("status").toUpperCase()),
            rs.getInt("attempts"), rs.getTimestamp("next_attempt").toInstant(), rs.getString("last_error"),
            rs.getString("reply"), rs.getTimestamp("delivered") == null ? null : rs.getTimestamp("delivered").toInstant(),
            (Long) rs.getObject("supersedes"), rs.getString("reason"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Queues a message in the current transaction. The same topic and key again is ignored (returns the existing
     * message's id), so a retried request cannot send twice.
     */
    public long enqueue(String topic, String idempotencyKey, String subject, String payload) {
        return insert(topic, idempotencyKey, subject, payload, null, null);
    }

    /**
     * Sends corrected content for a message the receiver already has or refused ({@code supersedes}), with the reason
     * the gateways ask for; the new message gets its own key ({@code <old key>#<n>}).
     */
    public long resubmit(long supersedes, String payload, String reason) {
        OutboxMessage old = find(supersedes).orElseThrow(() -> new IllegalArgumentException(
                "VNEMR-5101: " + org.vnemr.fhir.error.Messages.en("VNEMR-5101", supersedes)));
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("VNEMR-5102: " + org.vnemr.fhir.error.Messages.en("VNEMR-5102"));
        }
        int previous = jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE topic = ? AND idempotency_key"
                + " LIKE ?", Integer.class, old.topic(), baseKey(old.idempotencyKey()) + "#%");
        return insert(old.topic(), baseKey(old.idempotencyKey()) + "#" + (previous + 1), old.subject(), payload,
                supersedes, reason);
    }

    private long insert(String topic, String key, String subject, String payload, Long supersedes, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        Long id = jdbc.query("""
                INSERT INTO outbox_message (topic, idempotency_key, subject, payload, created, next_attempt,
                                            supersedes, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (topic, idempotency_key) DO NOTHING
                RETURNING id""", rs -> rs.next() ? rs.getLong(1) : null,
                topic, key, subject, payload, now, now, supersedes, reason);
        if (id != null) {
            return id;
        }
        return jdbc.queryForObject("SELECT id FROM outbox_message WHERE topic = ? AND idempotency_key = ?",
                Long.class, topic, key);
    }

    private static String baseKey(String key) {
        int hash = key.indexOf('#');
        return hash < 0 ? key : key.substring(0, hash);
    }

    public Optional<OutboxMessage> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Every message about one subject (e.g. {@code Encounter/12}), oldest first. */
    public List<OutboxMessage> about(String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE subject = ? ORDER BY id", ROW, subject);
    }

    /** Messages a person must look at: refused, or out of attempts. */
    public List<OutboxMessage> failures(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE status = 'failed' ORDER BY id DESC LIMIT ?",
                ROW, limit);
    }

    /** Puts a failed message back in the queue now (after the cause was fixed on the other side). */
    public boolean retry(long id) {
        return jdbc.update("UPDATE outbox_message SET status = 'pending', next_attempt = ? WHERE id = ?"
                + " AND status = 'failed'", Timestamp.from(clock.instant()), id) == 1;
    }

    /** Counts per status, for the operations page and health checks. */
    public java.util.Map<OutboxMessage.Status, Integer> counts() {
        java.util.Map<OutboxMessage.Status, Integer> counts = new java.util.EnumMap<>(OutboxMessage.Status.class);
        jdbc.query("SELECT status, count(*) FROM outbox_message GROUP BY status", rs -> {
            counts.put(OutboxMessage.Status.valueOf(rs.getString(1).toUpperCase()), rs.getInt(2));
        });
        return counts;
    }

    Instant now() {
        return clock.instant();
    }
}
