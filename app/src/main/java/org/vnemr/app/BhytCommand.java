package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.bhyt.export.BatchExport;
import org.vnemr.bhyt.imports.XmlImport;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vnemr bhyt …}: the insurance XML (QĐ 130/4750/3176) from the command line, without the web server.
 * <pre>
 *   vnemr bhyt import FILE.xml…                                   XML files (envelopes or tables) into FHIR
 *   vnemr bhyt export --from=YYYY-MM-DD --to=YYYY-MM-DD [--khoa=K03] --out=DIR   one signed file per dossier
 * </pre>
 * Other {@code --property=value} options go to Spring (e.g. {@code --vnemr.bhyt.facility-keystore=…}).
 */
final class BhytCommand {

    private static final String USAGE = """
            Dùng / usage:
              vnemr bhyt import FILE.xml [FILE.xml …]
              vnemr bhyt export --from=YYYY-MM-DD --to=YYYY-MM-DD [--khoa=MA_KHOA] --out=DIR""";

    private BhytCommand() {
    }

    static int run(String[] args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        String khoa = null;
        Path out = null;
        try {
            for (String arg : args) {
                if (arg.startsWith("--from=")) {
                    from = LocalDate.parse(arg.substring(7));
                } else if (arg.startsWith("--to=")) {
                    to = LocalDate.parse(arg.substring(5));
                } else if (arg.startsWith("--khoa=")) {
                    khoa = arg.substring(7);
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(arg.substring(6));
                } else if (arg.startsWith("--")) {
                    springArgs.add(arg);
                } else {
                    words.add(arg);
                }
            }
        } catch (DateTimeParseException e) {
            System.err.println("Ngày không hợp lệ (yyyy-MM-dd) / invalid date: " + e.getParsedString());
            return 2;
        }
        if (words.isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        if (words.get(0).equals("import") && words.size() > 1) {
            List<Path> files = words.subList(1, words.size()).stream().map(Path::of).toList();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    System.err.println("Không tìm thấy / not found: " + f);
                    return 2;
                }
            }
            return importFiles(files, springArgs);
        }
        if (words.get(0).equals("export") && words.size() == 1 && from != null && to != null && out != null) {
            if (to.isBefore(from)) {
                System.err.println("--to trước --from / --to is before --from");
                return 2;
            }
            return export(from, to, khoa, out, springArgs);
        }
        System.err.println(USAGE);
        return 2;
    }

    private static ConfigurableApplicationContext context(List<String> springArgs) {
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        app.setDefaultProperties(Map.of("vnemr.reference-data.load", "false"));
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run(springArgs.toArray(String[]::new));
    }

    private static int importFiles(List<Path> files, List<String> springArgs) {
        try (ConfigurableApplicationContext context = context(springArgs)) {
            int[] done = {0};
            var outcomes = context.getBean(XmlImport.class).importFiles(files, o -> {
                done[0]++;
                System.out.printf("[%d] %s %s %s%n", done[0], o.imported() ? "OK " : "LỖI", o.file().getFileName(),
                        o.imported() ? o.maLk() + " (" + o.resources() + " resources)" : o.maLk() + " " + o.problem());
            });
            long imported = outcomes.stream().filter(XmlImport.Outcome::imported).count();
            System.out.printf("Đã nhập / imported: %d hồ sơ / dossiers; lỗi / failed: %d%n", imported,
                    outcomes.size() - imported);
            outcomes.stream().filter(o -> !o.imported()).forEach(o ->
                    System.out.println("  ! " + o.file() + (o.maLk().isEmpty() ? "" : " MA_LK " + o.maLk()) + ": "
                            + o.problem()));
            audit(context, "import " + files.size() + " files");
            return imported == outcomes.size() ? 0 : 1;
        }
    }

    private static int export(LocalDate from, LocalDate to, String khoa, Path out, List<String> springArgs) {
        try (ConfigurableApplicationContext context = context(springArgs)) {
            BatchExport.Summary summary = context.getBean(BatchExport.class).run(from, to, khoa, out, item ->
                    System.out.printf("%s %s %s%n", item.problem().isEmpty() ? "OK " : "LỖI",
                            item.maLk().isEmpty() ? item.encounterId() : item.maLk(),
                            item.problem().isEmpty() ? (item.findings() == 0 ? "" : item.findings() + " lỗi kiểm tra / findings")
                                    : item.problem()));
            System.out.printf("Lượt khám / visits: %d; đã ghi / written: %d (có lỗi kiểm tra / with findings: %d); "
                    + "thất bại / failed: %d → %s%n", summary.visits(), summary.written(), summary.withFindings(),
                    summary.failed(), out.toAbsolutePath());
            audit(context, "export " + from + ".." + to + (khoa == null ? "" : " " + khoa) + ": "
                    + summary.written() + " dossiers");
            return summary.failed() == 0 ? 0 : 1;
        } catch (Xml130Exception e) {
            System.err.println(e.messageVi());
            return 1;
        }
    }

    /** The command touches patient records: one audit event for the run (who ran it: the OS user). */
    private static void audit(ConfigurableApplicationContext context, String what) {
        context.getBeanProvider(AuditTrail.class).ifAvailable(trail -> trail.recordDurably(
                AuditRecord.of("cli:" + System.getProperty("user.name"), AuditAction.EXPORT).withWhat("bhyt " + what),
                java.time.Duration.ofSeconds(10)));
    }
}
