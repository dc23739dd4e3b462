package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.backup.BackupKey;
import org.vnemr.platform.backup.BackupService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sao lưu / khôi phục:
 * <ul>
 *   <li>{@code vnemr backup keygen FILE} — a new backup key (mode 600); keep it away from the node;</li>
 *   <li>{@code vnemr backup --key-file=FILE [--to=DIR] [--keep=N]} — an online backup into DIR (default
 *       {@code $VNEMR_HOME/backups}), keeping the newest N (default 14);</li>
 *   <li>{@code vnemr backup verify DIR --key-file=FILE} — re-reads and checks a backup;</li>
 *   <li>{@code vnemr restore DIR --key-file=FILE} — loads a backup into this node, which must be empty.</li>
 * </ul>
 * Other {@code --property=value} options go to Spring (e.g. {@code --vnemr.home=…}).
 */
final class BackupCommand {

    private BackupCommand() {
    }

    static int backup(String[] args) {
        if (args.length >= 2 && args[0].equals("keygen")) {
            Path file = Path.of(args[1]);
            if (Files.exists(file)) {
                System.err.println("Đã có tệp / file exists: " + file);
                return 2;
            }
            BackupKey key = BackupKey.generate(file);
            System.out.println("Khoá sao lưu / backup key written: " + file + " (fingerprint " + key.fingerprint() + ")");
            return 0;
        }
        boolean verify = args.length >= 2 && args[0].equals("verify");
        Options options = Options.parse(verify ? java.util.Arrays.copyOfRange(args, 2, args.length) : args);
        if (options.keyFile == null) {
            System.err.println("Dùng / usage: vnemr backup --key-file=FILE [--to=DIR] [--keep=N] | "
                    + "vnemr backup verify DIR --key-file=FILE | vnemr backup keygen FILE");
            return 2;
        }
        BackupKey key = BackupKey.read(options.keyFile);
        try (ConfigurableApplicationContext context = context(options.spring)) {
            BackupService service = context.getBean(BackupService.class);
            if (verify) {
                BackupService.Report report = service.verify(Path.of(args[1]), key);
                System.out.printf("Bản sao lưu hợp lệ / backup verified: %d tables, %d rows, %,d bytes; "
                        + "audit chain ends at seq %d%n", report.tables(), report.rows(), report.bytes(),
                        report.auditLastSeq());
                return 0;
            }
            Path to = options.to != null ? options.to : Path.of(context.getEnvironment().getProperty("vnemr.home",
                    context.getEnvironment().getProperty("VNEMR_HOME", "data"))).resolve("backups");
            BackupService.Report report = service.backup(to, key);
            // a backup copies every record out of the node: an export in the audit trail
            audit(context, AuditAction.EXPORT, "backup " + report.directory() + " key " + key.fingerprint());
            System.out.printf("Đã sao lưu / backup written: %s — %d tables, %d rows, %,d bytes in %.1f s; "
                    + "audit chain ends at seq %d hash %s%n", report.directory(), report.tables(), report.rows(),
                    report.bytes(), report.elapsed().toMillis() / 1000.0, report.auditLastSeq(),
                    report.auditLastHash());
            BackupService.prune(to, options.keep).forEach(p -> System.out.println("  xoá bản cũ / pruned " + p));
            return 0;
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    static int restore(String[] args) {
        Options options = Options.parse(args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
        if (args.length == 0 || args[0].startsWith("--") || options.keyFile == null) {
            System.err.println("Dùng / usage: vnemr restore DIR --key-file=FILE [--property=value ...]");
            return 2;
        }
        BackupKey key = BackupKey.read(options.keyFile);
        try (ConfigurableApplicationContext context = context(options.spring)) {
            BackupService.Report report = context.getBean(BackupService.class).restore(Path.of(args[0]), key);
            audit(context, AuditAction.RESTORE, "restore " + Path.of(args[0]).toAbsolutePath());
            System.out.printf("Đã khôi phục / restored: %d tables, %d rows; audit chain ends at seq %d hash %s%n",
                    report.tables(), report.rows(), report.auditLastSeq(), report.auditLastHash());
            System.out.println("Kiểm tra / check: vnemr audit verify");
            return 0;
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static void audit(ConfigurableApplicationContext context, AuditAction action, String what) {
        context.getBean(AuditTrail.class).recordDurably(AuditRecord.of("os:" + System.getProperty("user.name"), action)
                .withRole("operator").withWhat(what), Duration.ofSeconds(30));
    }

    private static ConfigurableApplicationContext context(List<String> springArgs) {
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        // a maintenance command sees the database as it is: no reference data loaded, no first administrator
        // created (a restore needs an empty node; accounts are made by the server people log in to)
        app.setDefaultProperties(java.util.Map.of("vnemr.reference-data.load", "false",
                "vnemr.accounts.first-administrator", "false"));
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run(springArgs.toArray(String[]::new));
    }

    private static final class Options {
        Path keyFile;
        Path to;
        int keep = 14;
        final List<String> spring = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                if (arg.startsWith("--key-file=")) {
                    o.keyFile = Path.of(arg.substring("--key-file=".length()));
                } else if (arg.startsWith("--to=")) {
                    o.to = Path.of(arg.substring("--to=".length()));
                } else if (arg.startsWith("--keep=")) {
                    o.keep = Integer.parseInt(arg.substring("--keep=".length()));
                } else {
                    o.spring.add(arg);
                }
            }
            return o;
        }
    }
}
