package org.vnemr.platform.audit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Nhật ký truy cập: where every module writes who did what to whose record. {@link #record} queues the event and
 * returns at once; the future completes with the event's sequence number once it is committed (group commit,
 * see {@link AuditLogWriter}). Callers that must not go on before the event is durable — a login, a
 * break-the-glass access — use {@link #recordDurably}.
 */
public interface AuditTrail {

    /** Queues the event; the future completes (with its seq) when committed, possibly not yet flushed to disk. */
    CompletableFuture<Long> record(AuditRecord record);

    /** Queues the event; the future completes once it is committed and flushed to disk. */
    CompletableFuture<Long> recordFlushed(AuditRecord record);

    /** Waits until the event is committed; fails if that takes longer than {@code timeout}. */
    default long recordDurably(AuditRecord record, Duration timeout) {
        try {
            return recordFlushed(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit trail", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("VNEMR-5003: the audit trail could not be written: " + e.getMessage(), e);
        }
    }
}
