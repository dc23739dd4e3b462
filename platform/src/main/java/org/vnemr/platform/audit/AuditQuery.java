package org.vnemr.platform.audit;

import java.time.Instant;

/**
 * A search of the audit trail; every criterion is optional. Newest first; {@code beforeSeq} pages backwards.
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record AuditQuery(String patient, String user, String action, Instant from, Instant to, Long beforeSeq,
                         int limit) {

    public static final int MAX_LIMIT = 1_000;

    public AuditQuery {
        limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
    }

    public static AuditQuery forPatient(String patient) {
        return new AuditQuery(patient, null, null, null, null, null, 100);
    }

    public static AuditQuery forUser(String user) {
        return new AuditQuery(null, user, null, null, null, null, 100);
    }

    public AuditQuery between(Instant newFrom, Instant newTo) {
        return new AuditQuery(patient, user, action, newFrom, newTo, beforeSeq, limit);
    }

    public AuditQuery limit(int newLimit) {
        return new AuditQuery(patient, user, action, from, to, beforeSeq, newLimit);
    }
}
