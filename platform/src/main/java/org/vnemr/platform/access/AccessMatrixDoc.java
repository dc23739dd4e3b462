package org.vnemr.platform.access;

/**
 * Writes the access matrix of {@link Role} as the Markdown page {@code docs/security/access-matrix.md}, so the
 * documentation cannot drift from the code ({@code AccessMatrixDocTest} compares them).
 */
public final class AccessMatrixDoc {

    private AccessMatrixDoc() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Ma trận phân quyền / access matrix\n\n")
                .append("Generated from `org.vnemr.platform.access.Role` by `AccessMatrixDoc` — do not edit by hand; ")
                .append("`AccessMatrixDocTest` fails when this page and the code differ (run it with ")
                .append("`-Dvnemr.docs.update=true` to rewrite the page).\n\n")
                .append("Scopes: **all** = toàn viện (all departments), **dept** = khoa của mình (encounters whose ")
                .append("service provider is one of the person's departments), **own** = bệnh nhân của mình ")
                .append("(encounters where the person is a participant), — = not allowed. A patient without any ")
                .append("encounter yet is within every dept/own scope. Outside its scope a clinical role (doctor, ")
                .append("nurse, pharmacist, department head) may break the glass for view, create, edit, sign and ")
                .append("print: header `X-Vnemr-Break-Glass: <reason ≥ 10 characters>`, granted for ")
                .append(AccessDecision.BREAK_GLASS_DURATION.toMinutes())
                .append(" minutes, audited with purpose BTG, alerted, shown in `Patient/<id>/$access-log`.\n\n")
                .append("FHIR interactions: read, vread, search, history, `$everything`, `$access-log` → view; ")
                .append("create → create; update, patch → edit; delete → cancel; `$export` → export; a transaction ")
                .append("or batch needs the permission of each entry. `AuditEvent` is readable by the auditor and ")
                .append("administrators only. Hours are local time (`vnemr.time-zone`, default Asia/Ho_Chi_Minh).")
                .append("\n\n| Role | Vai trò | Hours |");
        for (Permission p : Permission.values()) {
            md.append(' ').append(p.name().toLowerCase(java.util.Locale.ROOT)).append(" (").append(p.vietnamese())
                    .append(") |");
        }
        md.append("\n|---|---|---|");
        md.append("---|".repeat(Permission.values().length)).append('\n');
        for (Role role : Role.values()) {
            md.append("| ").append(role.code()).append(" | ").append(role.vietnamese()).append(" | ")
                    .append(role.hours()).append(" |");
            for (Permission p : Permission.values()) {
                md.append(' ').append(cell(role.scope(p))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(Scope scope) {
        return switch (scope) {
            case NONE -> "—";
            case OWN_PATIENTS -> "own";
            case OWN_DEPARTMENT -> "dept";
            case ALL_DEPARTMENTS -> "all";
        };
    }
}
