package org.vnemr.platform.audit;

/** {@code AuditEvent.outcome}: 0 success, 4 minor failure (the client's fault), 8 serious failure (the server's). */
public enum AuditOutcome {
    SUCCESS("0"),
    MINOR_FAILURE("4"),
    SERIOUS_FAILURE("8");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** 2xx/3xx success, 4xx the client's failure, 5xx the server's. */
    public static AuditOutcome ofHttpStatus(int status) {
        if (status >= 500) {
            return SERIOUS_FAILURE;
        }
        return status >= 400 ? MINOR_FAILURE : SUCCESS;
    }

    public static AuditOutcome ofCode(String code) {
        for (AuditOutcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown audit outcome " + code);
    }
}
