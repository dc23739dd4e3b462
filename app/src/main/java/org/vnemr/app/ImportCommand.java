package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.fhir.bulk.BulkImporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code vnemr import PATH [--property=value …]}: bulk-loads NDJSON files (a file, or every {@code *.ndjson} of a
 * directory) into the store with COPY, without starting the web server, and prints what it did.
 */
final class ImportCommand {

    private ImportCommand() {
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("Dùng / usage: vnemr import <file.ndjson | directory> [--property=value ...]");
            return 2;
        }
        Path path = Path.of(args[0]);
        if (!Files.exists(path)) {
            System.err.println("Không tìm thấy / not found: " + path);
            return 2;
        }
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        // a maintenance command sees the database as it is: no reference data loaded, no first administrator
        // created (a restore needs an empty node; accounts are made by the server people log in to)
        app.setDefaultProperties(java.util.Map.of("vnemr.reference-data.load", "false",
                "vnemr.accounts.first-administrator", "false"));
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(Arrays.copyOfRange(args, 1, args.length))) {
            BulkImporter.Report report = context.getBean(BulkImporter.class).importPath(path);
            System.out.printf("Đã nhập / imported: %d resources in %.1f s (%.0f resources/s)%n", report.imported(),
                    report.elapsed().toMillis() / 1000.0, report.resourcesPerSecond());
            report.importedByType().forEach((type, n) -> System.out.printf("  %-28s %d%n", type, n));
            if (report.rejected() > 0) {
                System.out.printf("Bị từ chối / rejected: %d lines%n", report.rejected());
            }
            if (report.danglingReferences() > 0) {
                System.out.printf("Tham chiếu treo / dangling references: %d%n", report.danglingReferences());
            }
            report.problems().forEach(p -> System.out.println("  ! " + p));
            return report.rejected() > 0 ? 1 : 0;
        }
    }
}
