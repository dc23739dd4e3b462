package org.vnemr.platform.audit;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code audit_log} as stored: the indexed columns, the AuditEvent JSON and the chain links.
 *
 * @param event the FHIR AuditEvent as JSON text
 */
public record AuditRow(long seq, Instant recorded, String user, String role, String action, String outcome,
                       List<String> patients, boolean breakGlass, String event, String prevHash, String hash) {
}
