package org.vnemr.app;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.terminology.catalogue.CatalogueDiff;
import org.vnemr.terminology.catalogue.CatalogueImportException;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.terminology.catalogue.RowProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vnemr catalogue …}: the national catalogues from the command line, without the web server.
 * <pre>
 *   vnemr catalogue import   KIND FILE.xlsx [--effective=YYYY-MM-DD]   pending version (+ activation with --effective)
 *   vnemr catalogue preview  KIND FILE.xlsx | VERSION                 import as pending and show the diff / diff of a version
 *   vnemr catalogue activate VERSION --effective=YYYY-MM-DD          put a pending version in force
 *   vnemr catalogue versions KIND                                     list the versions
 * </pre>
 * KIND: drug, service, supply, bed, department, patient-category, visit-type. Other {@code --property=value}
 * options go to Spring.
 */
final class CatalogueCommand {

    private static final String USAGE = """
            Dùng / usage:
              vnemr catalogue import   KIND FILE.xlsx [--effective=YYYY-MM-DD]
              vnemr catalogue preview  KIND FILE.xlsx | VERSION
              vnemr catalogue activate VERSION --effective=YYYY-MM-DD
              vnemr catalogue versions KIND
            KIND: %s""";

    private CatalogueCommand() {
    }

    static int run(String[] args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        LocalDate effective = null;
        for (String arg : args) {
            if (arg.startsWith("--effective=")) {
                try {
                    effective = LocalDate.parse(arg.substring("--effective=".length()));
                } catch (DateTimeParseException e) {
                    System.err.println("Ngày hiệu lực không hợp lệ (yyyy-MM-dd) / invalid date: " + arg);
                    return 2;
                }
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            return usage();
        }
        String action = words.get(0);
        boolean valid = switch (action) {
            case "import" -> words.size() == 3;
            case "preview" -> words.size() == 2 || words.size() == 3;
            case "activate" -> words.size() == 2 && effective != null;
            case "versions" -> words.size() == 2;
            default -> false;
        };
        if (!valid) {
            return usage();
        }
        boolean namesKind = action.equals("import") || action.equals("versions") || words.size() == 3;
        if (namesKind && CatalogueKind.find(words.get(1)).isEmpty()) {
            System.err.println("Loại danh mục không hợp lệ / unknown catalogue kind: " + words.get(1));
            return usage();
        }
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            Catalogues catalogues = context.getBean(Catalogues.class);
            return switch (action) {
                case "import" -> importFile(catalogues, words.get(1), Path.of(words.get(2)), effective);
                case "preview" -> words.size() == 3 ? importFile(catalogues, words.get(1), Path.of(words.get(2)), null)
                        : print(catalogues.preview(words.get(1)));
                case "activate" -> activated(catalogues.activate(words.get(1), effective));
                default -> versions(catalogues, Catalogues.kind(words.get(1)));
            };
        } catch (CatalogueImportException e) {
            System.err.println("Tệp bị từ chối, không lưu gì / file refused, nothing stored:");
            for (RowProblem p : e.problems()) {
                System.err.println("  " + p.code() + " " + p.vietnamese());
            }
            return 1;
        } catch (BaseServerResponseException e) {
            if (e.getOperationOutcome() instanceof OperationOutcome outcome) {
                outcome.getIssue().forEach(i -> System.err.println(i.getDetails().getText() + " / "
                        + i.getDiagnostics()));
            } else {
                System.err.println(e.getMessage());
            }
            return 1;
        }
    }

    private static int usage() {
        System.err.printf(USAGE + "%n", CatalogueKind.slugs());
        return 2;
    }

    private static int importFile(Catalogues catalogues, String kind, Path file, LocalDate effective) {
        CatalogueKind catalogueKind = Catalogues.kind(kind);
        if (!Files.isRegularFile(file)) {
            System.err.println("Không tìm thấy / not found: " + file);
            return 2;
        }
        CatalogueVersion version;
        try (InputStream in = Files.newInputStream(file)) {
            version = catalogues.importFile(catalogueKind, file.getFileName().toString(), in);
        } catch (IOException e) {
            System.err.println("Không đọc được / cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        System.out.printf("Đã nhập / imported: %s (%d mã / codes), trạng thái / status: pending%n", version.id(),
                version.entryCount());
        print(catalogues.preview(version.id()));
        if (effective != null) {
            return activated(catalogues.activate(version.id(), effective));
        }
        System.out.printf("Kích hoạt / activate: vnemr catalogue activate %s --effective=YYYY-MM-DD%n", version.id());
        return 0;
    }

    private static int print(CatalogueDiff diff) {
        System.out.printf("So với / against: %s%n", diff.againstVersionId() == null ? "(chưa có phiên bản hiệu lực)"
                : diff.againstVersionId());
        System.out.printf("  thêm / added %d, bỏ / removed %d, đổi / changed %d, giữ nguyên / unchanged %d%n",
                diff.added().size(), diff.removed().size(), diff.changed().size(), diff.unchanged());
        diff.added().stream().limit(50).forEach(e -> System.out.printf("  + %s  %s%n", e.code(), e.display()));
        diff.removed().stream().limit(50).forEach(e -> System.out.printf("  - %s  %s%n", e.code(), e.display()));
        for (CatalogueDiff.Change c : diff.changed().stream().limit(50).toList()) {
            System.out.printf("  ~ %s  %s%n", c.code(), c.display());
            c.fields().forEach(f -> System.out.printf("      %s: %s → %s%n", f.field(), f.oldValue(), f.newValue()));
        }
        return 0;
    }

    private static int activated(CatalogueVersion version) {
        System.out.printf("Đã kích hoạt / activated: %s từ / from %s%n", version.id(), version.effectiveFrom());
        return 0;
    }

    private static int versions(Catalogues catalogues, CatalogueKind kind) {
        for (CatalogueVersion v : catalogues.versions(kind)) {
            System.out.printf("%-40s %-8s %5d  %s → %s  %s%n", v.id(), v.status().name().toLowerCase(),
                    v.entryCount(), v.effectiveFrom() == null ? "" : v.effectiveFrom(),
                    v.effectiveTo() == null ? "" : v.effectiveTo(), v.sourceName() == null ? "" : v.sourceName());
        }
        return 0;
    }
}
