package org.vnemr.platform.outbox;

import java.time.Instant;

/**
 * Một thư trong hộp thư đi.
 *
 * @param topic          who receives it, e.g. {@code bhyt.checkin}, {@code bhyt.dossier}, {@code prescription}
 * @param idempotencyKey the same key for the same content: enqueuing twice stores once, receivers deduplicate
 * @param subject        what it is about, e.g. {@code Encounter/123}, for "what happened to this visit's claim"
 * @param supersedes     the message this one resubmits (with {@code reason}), or null
 */
public record OutboxMessage(long id, String topic, String idempotencyKey, String subject, String payload,
                            Instant created, Status status, int attempts, Instant nextAttempt, String lastError,
                            String reply, Instant delivered, Long supersedes, String reason) {

    public enum Status { PENDING, DELIVERED, FAILED, CANCELLED }
}
