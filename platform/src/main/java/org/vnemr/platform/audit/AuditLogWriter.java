package org.vnemr.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of {@code audit_log}. Request threads only queue their {@link AuditRecord}; one thread takes
 * whatever has queued (up to {@value #MAX_BATCH} events), chains them and writes them in one transaction with one
 * batched INSERT — a group commit, so that a thousand concurrent reads cost one commit, not a thousand.
 *
 * <p>Inside the transaction the writer takes a transaction-level advisory lock and reads the newest row, so the
 * chain stays one line even when two processes (the server and a command-line tool) write to the same database.
 * When the database is unreachable the batch is retried with back-off and the callers' futures wait; when the
 * queue is full, {@link #record} blocks the caller rather than drop an event — an access that cannot be logged
 * is worse than a slow one.
 *
 * <p>{@link #record} completes its future at commit, without waiting for the WAL flush; {@link #recordFlushed}
 * (logins, break-the-glass, and every FHIR request with {@code vnemr.audit.wait-for-durability}) waits for it.
 */
public final class AuditLogWriter implements AuditTrail, AutoCloseable {

    static final int MAX_BATCH = 500;
    /** Any constant that no other module uses as advisory lock key: "audit" in module 5's range. */
    private static final long LOCK_KEY = 5_001_000_001L;
    private static final String SQL_ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";
    private static final String SQL_LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String SQL_SELECT_LAST = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
    private static final String SQL_INSERT_ROW = """
            INSERT INTO audit_log (seq, recorded, user_name, user_role, action, outcome, patients, break_glass,
                                   event, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogWriter.class);

    private final DataSource dataSource;
    private final String sourceName;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean closing;

    private record Pending(AuditRecord record, CompletableFuture<Long> done, boolean durable) {
    }

    /**
     * @param sourceName this node's name in {@code AuditEvent.source}
     * @param capacity   how many events may wait before callers block
     */
    public AuditLogWriter(DataSource dataSource, String sourceName, int capacity) {
        this.dataSource = dataSource;
        this.sourceName = sourceName;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "audit-log-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public CompletableFuture<Long> record(AuditRecord record) {
        return enqueue(record, false);
    }

    @Override
    public CompletableFuture<Long> recordFlushed(AuditRecord record) {
        return enqueue(record, true);
    }

    private CompletableFuture<Long> enqueue(AuditRecord record, boolean durable) {
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("the audit trail is closed"));
        }
        Pending pending = new Pending(record, new CompletableFuture<>(), durable);
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return pending.done();
    }

    /** Events queued but not yet committed. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                // close() interrupts only after the queue is drained
                if (queue.isEmpty()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<Pending> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                long[] seqs = write(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(seqs[i]);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (closing && backoff > 5_000) {
                    LOG.error("VNEMR-5003 giving up on {} audit events at shutdown: {}", batch.size(), e.getMessage());
                    batch.forEach(p -> p.done().completeExceptionally(e));
                    return;
                }
                LOG.error("VNEMR-5003 cannot write {} audit events, retrying in {} ms: {}", batch.size(), backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private long[] write(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (batch.stream().noneMatch(Pending::durable)) {
                    // nobody waits for these: commit without waiting for the WAL flush (PostgreSQL flushes within
                    // ~0.6 s); a crash can lose what the in-memory queue could lose anyway, and the chain stays whole
                    try (var statement = connection.createStatement()) {
                        statement.execute(SQL_ASYNC_COMMIT);
                    }
                }
                long[] seqs = insert(connection, batch);
                connection.commit();
                return seqs;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private long[] insert(Connection connection, List<Pending> batch) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(SQL_LOCK)) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        long seq = 0;
        String prevHash = AuditChain.GENESIS;
        try (PreparedStatement last = connection.prepareStatement(SQL_SELECT_LAST); ResultSet rs = last.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1);
                prevHash = rs.getString(2);
            }
        }
        long[] seqs = new long[batch.size()];
        try (PreparedStatement insert = connection.prepareStatement(SQL_INSERT_ROW)) {
            for (int i = 0; i < batch.size(); i++) {
                AuditRecord r = batch.get(i).record();
                seq++;
                String event = AuditEventJson.write(seq, r, sourceName);
                String hash = AuditChain.hash(prevHash, seq, r.occurred(), r.user(), r.role(), r.action().code(),
                        r.outcome().code(), r.patients(), r.breakGlass(), event);
                insert.setLong(1, seq);
                insert.setObject(2, OffsetDateTime.ofInstant(r.occurred(), ZoneOffset.UTC));
                insert.setString(3, r.user());
                insert.setString(4, r.role());
                insert.setString(5, r.action().code());
                insert.setString(6, r.outcome().code());
                insert.setArray(7, connection.createArrayOf("text", r.patients().toArray()));
                insert.setBoolean(8, r.breakGlass());
                insert.setString(9, event);
                insert.setString(10, prevHash);
                insert.setString(11, hash);
                insert.addBatch();
                seqs[i] = seq;
                prevHash = hash;
            }
            insert.executeBatch();
        }
        return seqs;
    }

    /** Writes what is queued (waiting up to 30 s), then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("audit writer still busy at shutdown with {} events queued", queue.size());
            thread.interrupt();
        }
    }
}
