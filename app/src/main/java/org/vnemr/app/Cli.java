package org.vnemr.app;

import java.util.Arrays;

/**
 * The command line: {@code serve} (the default; {@code serve --demo} also loads the demo facility in the
 * background, see {@link DemoCommand}), {@code demo} (loads the demo facility and exits), {@code import DIR} (bulk
 * NDJSON import with COPY),
 * {@code catalogue …} (national catalogues, see {@link CatalogueCommand}), {@code bench} (the benchmark;
 * {@code bench signing} for signatures per second, {@code bench bhyt} for insurance dossiers per second),
 * {@code bhyt import|export} (insurance XML 130/4750/3176, see {@link BhytCommand}), {@code devca} (a development
 * certificate authority for demos and tests, see {@link DevCaCommand}), {@code verify DIR} (offline check of a signed export, see
 * {@link VerifyCommand}), {@code audit verify} (checks the audit trail's hash chain), {@code backup} and
 * {@code restore} (see {@link BackupCommand}). Options after the command are Spring properties
 * ({@code --server.port=8081}).
 */
public final class Cli {

    private Cli() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("--") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> VnemrApplication.serve(DemoCommand.translateServeFlags(rest));
            case "demo" -> System.exit(DemoCommand.run(rest));
            case "import" -> System.exit(ImportCommand.run(rest));
            case "catalogue" -> System.exit(CatalogueCommand.run(rest));
            case "bhyt" -> System.exit(BhytCommand.run(rest));
            case "devca" -> System.exit(DevCaCommand.run(rest));
            case "verify" -> System.exit(VerifyCommand.run(rest));
            case "audit" -> System.exit(AuditCommand.run(rest));
            case "patient" -> System.exit(PatientCommand.run(rest));
            case "backup" -> System.exit(BackupCommand.backup(rest));
            case "restore" -> System.exit(BackupCommand.restore(rest));
            case "bench" -> {
                try {
                    System.exit(BenchCommand.run(rest));
                } catch (Exception e) {
                    System.err.println("Benchmark failed: " + e);
                    System.exit(1);
                }
            }
            default -> {
                System.err.println("Lệnh không hợp lệ / unknown command: " + command);
                System.err.println("Dùng / usage: vnemr [serve [--demo]|demo|import DIR|catalogue …"
                        + "|bhyt import|export …|bench [signing|terminology|outpatient|bhyt]"
                        + "|devca init|issue|revoke DIR|verify DIR|audit verify|patient export ID --out FILE"
                        + "|backup|restore DIR]"
                        + " [--property=value ...]");
                System.exit(2);
            }
        }
    }
}
