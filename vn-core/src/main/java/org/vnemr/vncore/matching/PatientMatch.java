package org.vnemr.vncore.matching;

/**
 * One existing patient found for a candidate.
 *
 * @param patientId the stored patient's id
 * @param json      the stored patient as served (with {@code meta})
 * @param score     why it was found and how sure the match is
 */
public record PatientMatch(String patientId, String json, MatchScore score) {
}
