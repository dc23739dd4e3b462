package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.privacy.PersonalDataExport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code vnemr patient export ID --out FILE [--by=NAME] [--property=value …]}: writes everything held about the
 * patient (their resources and their access log, as a FHIR Bundle) to FILE, mode 600 — a data subject's request under
 * Luật 91/2025 handled by the operator. The export is written to the audit trail (action export, by {@code --by} or
 * the operating-system user) before the file is. Uses the node's database like {@code audit}.
 */
final class PatientCommand {

    private PatientCommand() {
    }

    static int run(String[] args) {
        try {
            return export(args);
        } catch (IOException e) {
            System.err.println("Không ghi được tệp / cannot write the file: " + e.getMessage());
            return 1;
        }
    }

    private static int export(String[] args) throws IOException {
        if (args.length < 2 || !args[0].equals("export")) {
            System.err.println("Dùng / usage: vnemr patient export <id> --out <file> [--by=<name>]");
            return 2;
        }
        String id = args[1];
        Path out = null;
        String by = "os:" + System.getProperty("user.name");
        List<String> springArgs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].startsWith("--out=")) {
                out = Path.of(args[i].substring("--out=".length()));
            } else if (args[i].startsWith("--by=")) {
                by = args[i].substring("--by=".length());
            } else {
                springArgs.add(args[i]);
            }
        }
        if (out == null) {
            System.err.println("Thiếu --out <tệp> / missing --out <file>");
            return 2;
        }
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        app.setDefaultProperties(java.util.Map.of("vnemr.reference-data.load", "false",
                "vnemr.accounts.first-administrator", "false"));
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            Optional<String> bundle = context.getBean(PersonalDataExport.class).export(id);
            if (bundle.isEmpty()) {
                System.err.println("Không tìm thấy người bệnh / no patient " + id);
                return 1;
            }
            context.getBean(AuditTrail.class).recordDurably(AuditRecord.of(by, AuditAction.EXPORT)
                    .withPatients(List.of(id)).withWhat("Patient/" + id + "/$personal-data-export")
                    .withPurpose("PATRQT"), Duration.ofSeconds(10));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, bundle.get(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the folder's permissions apply
            }
            System.out.println("Đã xuất / exported " + out + " (" + Files.size(out) + " bytes)");
            return 0;
        }
    }
}
