package org.vnemr.platform.audit;

/**
 * What was done. The FHIR interactions carry their code from the {@code restful-interaction} value set; the
 * others (login, print, export, sign, break-the-glass …) use vnemr's own code system. {@link #crud} is
 * {@code AuditEvent.action} (C, R, U, D, E).
 */
public enum AuditAction {
    READ("read", "R", true),
    VREAD("vread", "R", true),
    SEARCH("search-type", "E", true),
    HISTORY("history-instance", "R", true),
    CREATE("create", "C", true),
    UPDATE("update", "U", true),
    PATCH("patch", "U", true),
    DELETE("delete", "D", true),
    TRANSACTION("transaction", "E", true),
    BATCH("batch", "E", true),
    OPERATION("operation", "E", true),
    LOGIN("login", "E", false),
    LOGOUT("logout", "E", false),
    SIGN("sign", "E", false),
    PRINT("print", "R", false),
    EXPORT("export", "R", false),
    BREAK_GLASS("break-glass", "E", false),
    RESTORE("restore", "C", false),
    ADMINISTRATION("administration", "E", false);

    private final String code;
    private final String crud;
    private final boolean restful;

    AuditAction(String code, String crud, boolean restful) {
        this.code = code;
        this.crud = crud;
        this.restful = restful;
    }

    /** The code stored in {@code audit_log.action} and used in {@code AuditEvent.subtype}. */
    public String code() {
        return code;
    }

    public String crud() {
        return crud;
    }

    /** A FHIR REST interaction (code from http://hl7.org/fhir/restful-interaction). */
    public boolean restful() {
        return restful;
    }

    public static AuditAction ofCode(String code) {
        for (AuditAction action : values()) {
            if (action.code.equals(code)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown audit action " + code);
    }
}
