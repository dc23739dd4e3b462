/**
 * Patient matching and merge inside a facility (tìm hồ sơ trùng, gộp và tách hồ sơ bệnh nhân): certain
 * matches by CCCD, BHYT/BHXH number or passport, probable and possible ones by an explainable score over
 * the folded name, birth date, sex, ward and phone; merge that keeps both records and histories, links them
 * with {@code Patient.link}, is audited and can be undone. Face: {@link org.vnemr.vncore.matching.PatientMatcher},
 * {@link org.vnemr.vncore.matching.PatientMerger}, {@link org.vnemr.vncore.matching.PatientLinks}, the
 * operations {@code Patient/$match}, {@code $merge}, {@code $unmerge}; wiring in
 * {@link org.vnemr.vncore.matching.PatientMatchingConfiguration}. Uses the {@code fhir} module only.
 * See {@code docs/architecture/patient-matching.md}.
 */
package org.vnemr.vncore.matching;
