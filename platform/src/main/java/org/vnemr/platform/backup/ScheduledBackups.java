package org.vnemr.platform.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sao lưu định kỳ: with {@code vnemr.backup.schedule} (a Spring cron expression with seconds, local time — e.g.
 * {@code 0 30 1 * * *} every night at 01:30), the server itself takes an online backup into
 * {@code vnemr.backup.directory} (default {@code $VNEMR_HOME/backups}) with the key in {@code vnemr.backup.key-file},
 * then keeps only the newest {@code vnemr.backup.keep} (default 14). A failed run is logged on the {@code vnemr.alert}
 * logger (for monitoring) and retried at the next scheduled time; it never stops the server.
 */
public final class ScheduledBackups implements AutoCloseable {

    private static final Logger ALERT = LoggerFactory.getLogger("vnemr.alert");
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

    private final BackupService backups;
    private final Path directory;
    private final Path keyFile;
    private final int keep;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final AtomicInteger runs = new AtomicInteger();

    public ScheduledBackups(BackupService backups, String cron, ZoneId zone, Path directory, Path keyFile, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("vnemr.backup.keep must be at least 1");
        }
        this.backups = backups;
        this.directory = directory;
        this.keyFile = keyFile;
        this.keep = keep;
        CronTrigger trigger = new CronTrigger(cron, zone); // refuses a malformed expression at start-up
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("vnemr-backup-");
        scheduler.initialize();
        scheduler.schedule(this::runOnce, trigger);
    }

    /** One scheduled run: backup, then prune to the newest {@code keep}. */
    void runOnce() {
        try {
            BackupService.Report report = backups.backup(directory, BackupKey.read(keyFile));
            List<Path> pruned = BackupService.prune(directory, keep);
            LOG.info("scheduled backup {} ({} rows, {} bytes); pruned {}", report.directory(), report.rows(),
                    report.bytes(), pruned);
        } catch (RuntimeException e) {
            ALERT.error("SCHEDULED BACKUP FAILED into {}: {}", directory, e.getMessage());
        } finally {
            runs.incrementAndGet();
        }
    }

    /** How many scheduled runs have finished (for monitoring and tests). */
    public int runs() {
        return runs.get();
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
