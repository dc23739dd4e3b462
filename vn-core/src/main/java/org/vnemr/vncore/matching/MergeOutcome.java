package org.vnemr.vncore.matching;

/**
 * What a merge or unmerge wrote.
 *
 * @param mergeId      the id of the merge (row of {@code vncore_patient_merge})
 * @param source       the source patient as now stored (JSON)
 * @param target       the target patient as now stored (JSON)
 * @param auditEventId the AuditEvent written in the same transaction
 */
public record MergeOutcome(String mergeId, String source, String target, String auditEventId) {
}
