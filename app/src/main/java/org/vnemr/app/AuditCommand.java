package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.platform.audit.AuditChainVerifier;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.util.Arrays;

/**
 * {@code vnemr audit verify [--property=value …]}: checks the hash chain of the audit trail and names the first
 * broken link (exit 0 intact, 1 broken). {@code vnemr audit patient ID}: who opened this patient's record, newest
 * first. Both use the node's own database ({@code VNEMR_DB_URL}, or the embedded one under {@code VNEMR_HOME});
 * with the embedded database, stop the server first (the two would share one data directory).
 */
final class AuditCommand {

    private AuditCommand() {
    }

    static int run(String[] args) {
        if (args.length == 0 || !(args[0].equals("verify") || args[0].equals("patient") && args.length > 1)) {
            System.err.println("Dùng / usage: vnemr audit verify | vnemr audit patient <id> [--property=value ...]");
            return 2;
        }
        int springFrom = args[0].equals("patient") ? 2 : 1;
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        // a maintenance command sees the database as it is: no reference data loaded, no first administrator
        // created (a restore needs an empty node; accounts are made by the server people log in to)
        app.setDefaultProperties(java.util.Map.of("vnemr.reference-data.load", "false",
                "vnemr.accounts.first-administrator", "false"));
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(Arrays.copyOfRange(args, springFrom, args.length))) {
            if (args[0].equals("patient")) {
                for (AuditRow row : context.getBean(AuditSearch.class).find(AuditQuery.forPatient(args[1]).limit(1000))) {
                    System.out.printf("%s  %-20s %-14s %-18s %s%s%n", row.recorded(), row.user(),
                            row.role() == null ? "" : row.role(), row.action(), row.outcome().equals("0") ? "" : "✗ ",
                            row.breakGlass() ? "[BTG]" : "");
                }
                return 0;
            }
            AuditChainVerifier.Result result = context.getBean(AuditChainVerifier.class).verify();
            if (result.intact()) {
                System.out.printf("Chuỗi nhật ký nguyên vẹn / audit chain intact: %d events, last seq %d, last hash %s%n",
                        result.rowsChecked(), result.lastSeq(), result.lastHash());
                return 0;
            }
            System.out.printf("CHUỖI NHẬT KÝ BỊ PHÁ VỠ / AUDIT CHAIN BROKEN at seq %d (%s): expected %s, found %s%n",
                    result.brokenSeq(), result.problem(), result.expected(), result.found());
            System.out.printf("  %d events before it are intact (up to seq %d, hash %s)%n", result.rowsChecked(),
                    result.lastSeq(), result.lastHash());
            return 1;
        }
    }
}
